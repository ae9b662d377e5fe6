package dev.netcode.webrtc.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves the harness page ({@code harness.js} wrapped in a tiny HTML document) on
 * {@code http://127.0.0.1:<ephemeral port>/}.
 *
 * <p>Why a server instead of {@code about:blank}: {@code getUserMedia} and
 * {@code crossOriginIsolated} need a secure context with a real origin; {@code http://127.0.0.1}
 * is one. The page is sent with {@code Cross-Origin-Opener-Policy: same-origin} and
 * {@code Cross-Origin-Embedder-Policy: require-corp}, which makes the page cross-origin isolated
 * so {@code performance.now()} has 5 µs instead of 100 µs resolution: RTT percentiles of a few
 * hundred microseconds would be meaningless otherwise.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>It binds 127.0.0.1 port 0: never a fixed port, so parallel builds do not collide.</li>
 *   <li>The script is loaded from the classpath, so it also works from the test-jar in other
 *       modules.</li>
 * </ul>
 */
final class HarnessPageServer implements AutoCloseable {

    static final String SCRIPT_RESOURCE = "/dev/netcode/webrtc/testing/harness.js";

    private static final String PAGE = "<!doctype html>\n<html><head><meta charset=\"utf-8\">"
            + "<title>netcode webrtc harness</title><script src=\"/harness.js\"></script></head>"
            + "<body>netcode webrtc harness</body></html>\n";

    private final HttpServer server;
    private final ExecutorService executor;

    HarnessPageServer() {
        byte[] script = loadScript();
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the harness page server on 127.0.0.1", e);
        }
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "harness-page-server");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/") || path.equals("/index.html")) {
                respond(exchange, 200, "text/html; charset=utf-8", PAGE.getBytes(StandardCharsets.UTF_8));
            } else if (path.equals("/harness.js")) {
                respond(exchange, 200, "text/javascript; charset=utf-8", script);
            } else {
                respond(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
            }
        });
        server.start();
    }

    URI pageUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    private static void respond(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", type);
        headers.set("Cache-Control", "no-store");
        headers.set("Cross-Origin-Opener-Policy", "same-origin");
        headers.set("Cross-Origin-Embedder-Policy", "require-corp");
        headers.set("Cross-Origin-Resource-Policy", "same-origin");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static byte[] loadScript() {
        try (InputStream in = HarnessPageServer.class.getResourceAsStream(SCRIPT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("harness script missing from the classpath: " + SCRIPT_RESOURCE);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
