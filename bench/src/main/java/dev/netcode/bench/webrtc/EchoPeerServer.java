package dev.netcode.bench.webrtc;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.netcode.webrtc.InvalidDescriptionException;
import dev.netcode.webrtc.PeerConnection;
import dev.netcode.webrtc.PeerConnectionConfig;
import dev.netcode.webrtc.PeerConnectionListener;
import dev.netcode.webrtc.PeerConnectionState;
import dev.netcode.webrtc.SessionDescriptionInit;
import dev.netcode.webrtc.datachannel.DataChannel;
import dev.netcode.webrtc.datachannel.DataChannelEcho;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answering side of the webrtc-echoes interop contract: {@code POST /offer} with
 * {@code {"type":"offer","sdp":"..."}} gets {@code 200 {"type":"answer","sdp":"..."}}, the answer
 * carrying every candidate (no trickle). Each offer gets its own {@link PeerConnection}, kept until
 * it fails or closes, or the server stops. Every message on every channel the dialer opens comes
 * back on the same channel with the same type (string or binary), byte for byte
 * ({@link DataChannelEcho}, with a bounded backlog per channel).
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Bodies above {@code maxBodyBytes} get 413, bad JSON or SDP 400, more than {@code maxPeers}
 *       live connections 503.</li>
 *   <li>The JDK HTTP server runs handlers on a small pool; a handler waits (bounded) for gathering,
 *       which is quick on a host with only host candidates.</li>
 * </ul>
 */
public final class EchoPeerServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EchoPeerServer.class);
    private static final long GATHER_TIMEOUT_MS = 10_000;

    private final HttpServer http;
    private final ExecutorService handlers;
    private final Supplier<PeerConnectionConfig> configs;
    private final int maxBodyBytes;
    private final int maxPeers;
    private final Set<PeerConnection> peers = ConcurrentHashMap.newKeySet();

    private EchoPeerServer(HttpServer http, ExecutorService handlers, Supplier<PeerConnectionConfig> configs,
            int maxBodyBytes, int maxPeers) {
        this.http = http;
        this.handlers = handlers;
        this.configs = configs;
        this.maxBodyBytes = maxBodyBytes;
        this.maxPeers = maxPeers;
    }

    /** Binds {@code listen} (port 0 for any) and starts serving. */
    public static EchoPeerServer start(InetSocketAddress listen, Supplier<PeerConnectionConfig> configs,
            int maxBodyBytes, int maxPeers) throws IOException {
        HttpServer http = HttpServer.create(listen, 64);
        ExecutorService handlers = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "echo-peer-http");
            t.setDaemon(true);
            return t;
        });
        EchoPeerServer server = new EchoPeerServer(http, handlers, configs, maxBodyBytes, maxPeers);
        http.createContext("/offer", server::handle);
        http.setExecutor(handlers);
        http.start();
        return server;
    }

    public InetSocketAddress address() {
        return http.getAddress();
    }

    /** Connections alive now. */
    public int peerCount() {
        return peers.size();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                reply(exchange, 405, "{\"error\":\"POST only\"}");
                return;
            }
            byte[] body = readBounded(exchange.getRequestBody());
            if (body == null) {
                reply(exchange, 413, "{\"error\":" + SignalingJson.quote("body exceeds " + maxBodyBytes + " bytes") + "}");
                return;
            }
            String sdp;
            try {
                Map<String, String> json = SignalingJson.parseFlatObject(new String(body, StandardCharsets.UTF_8));
                if (!"offer".equals(json.get("type")) || json.get("sdp") == null) {
                    throw new IllegalArgumentException("expected {\"type\":\"offer\",\"sdp\":\"...\"}");
                }
                sdp = json.get("sdp");
            } catch (IllegalArgumentException e) {
                reply(exchange, 400, "{\"error\":" + SignalingJson.quote(e.getMessage()) + "}");
                return;
            }
            if (peers.size() >= maxPeers) {
                reply(exchange, 503, "{\"error\":\"too many peers\"}");
                return;
            }
            answer(exchange, sdp);
        } catch (RuntimeException e) {
            LOG.warn("echo-peer: request failed", e);
        }
    }

    private void answer(HttpExchange exchange, String offerSdp) throws IOException {
        PeerConnection pc = PeerConnection.create(configs.get());
        peers.add(pc);
        // One echo per connection: it runs on that connection's event loop, like its channels.
        DataChannelEcho echo = new DataChannelEcho(DataChannelEcho.DEFAULT_MAX_BACKLOG_BYTES);
        pc.addListener(new PeerConnectionListener() {
            @Override
            public void onDataChannel(DataChannel channel) {
                echo.serve(channel);
            }

            @Override
            public void onConnectionStateChange(PeerConnectionState previous, PeerConnectionState current) {
                LOG.info("echo-peer: {} {}", pc, current);
                if (current.isTerminal()) {
                    peers.remove(pc);
                    pc.close();
                }
            }
        });
        try {
            pc.setRemoteDescription(SessionDescriptionInit.offer(offerSdp)).get(5, TimeUnit.SECONDS);
            pc.setLocalDescription(pc.createAnswer().get(5, TimeUnit.SECONDS)).get(5, TimeUnit.SECONDS);
            SessionDescriptionInit answer = pc.localDescriptionWithAllCandidates().get(GATHER_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            reply(exchange, 200, SignalingJson.description("answer", answer.sdp()));
        } catch (ExecutionException e) {
            closePeer(pc);
            int status = e.getCause() instanceof InvalidDescriptionException ? 400 : 500;
            reply(exchange, status, "{\"error\":" + SignalingJson.quote(String.valueOf(e.getCause().getMessage())) + "}");
        } catch (TimeoutException e) {
            closePeer(pc);
            reply(exchange, 500, "{\"error\":\"timed out answering\"}");
        } catch (InterruptedException e) {
            closePeer(pc);
            Thread.currentThread().interrupt();
        }
    }

    private void closePeer(PeerConnection pc) {
        peers.remove(pc);
        pc.close();
    }

    private byte[] readBounded(InputStream in) throws IOException {
        byte[] body = in.readNBytes(maxBodyBytes + 1);
        return body.length > maxBodyBytes ? null : body;
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** Stops accepting, closes every connection. */
    @Override
    public void close() {
        http.stop(0);
        handlers.shutdownNow();
        for (PeerConnection pc : peers) {
            pc.close();
        }
        peers.clear();
    }
}
