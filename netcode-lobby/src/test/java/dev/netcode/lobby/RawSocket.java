package dev.netcode.lobby;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A real WebSocket client (JDK java.net.http) speaking the lobby protocol by hand, for tests that
 * must misbehave: oversize frames, floods, or not reading at all (a slow consumer).
 */
final class RawSocket implements AutoCloseable {
    static final ObjectMapper MAPPER = new ObjectMapper();
    final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final AtomicBoolean paused = new AtomicBoolean();
    private volatile WebSocket ws;
    private final StringBuilder partial = new StringBuilder();

    static RawSocket open(URI base, String token, boolean startPaused) throws Exception {
        RawSocket raw = new RawSocket();
        raw.paused.set(startPaused);
        URI uri = URI.create("ws://" + base.getRawAuthority() + "/ws?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
        raw.ws = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(uri, raw.new Listener()).get(20, TimeUnit.SECONDS);
        return raw;
    }

    static String login(URI base, String name) {
        return dev.netcode.lobby.client.LobbyClient.login(HttpClient.newHttpClient(), base,
                java.util.Map.of("method", "guest", "name", name)).join().get("token").asText();
    }

    CompletableFuture<WebSocket> send(String text) {
        return ws.sendText(text, true);
    }

    CompletableFuture<WebSocket> sendPart(String text, boolean last) {
        return ws.sendText(text, last);
    }

    /** Next message of {@code type}, skipping others, within the timeout. */
    JsonNode await(String type, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            JsonNode m = received.poll(deadline - System.currentTimeMillis(), TimeUnit.MILLISECONDS);
            if (m != null && m.path("type").asText().equals(type)) {
                return m;
            }
        }
        throw new AssertionError("no '" + type + "' message within " + timeoutMs + " ms");
    }

    @Override
    public void close() {
        WebSocket w = ws;
        if (w != null) {
            w.abort();
        }
    }

    private final class Listener implements WebSocket.Listener {
        @Override
        public void onOpen(WebSocket webSocket) {
            if (!paused.get()) {
                webSocket.request(1);
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    received.add(MAPPER.readTree(partial.toString()));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeCode.complete(1006);
        }
    }
}
