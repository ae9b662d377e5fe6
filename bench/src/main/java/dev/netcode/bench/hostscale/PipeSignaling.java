package dev.netcode.bench.hostscale;

import dev.netcode.webrtc.transport.WebRtcSignaling;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WebRTC signaling between two processes over one text line stream (the child JVM's stdin/stdout):
 * the host-scale harness's stand-in for the lobby relay. Each process holds its own endpoints;
 * a payload for an id that is not local goes out as one line
 * <pre>
 *   SIG &lt;from&gt; &lt;to&gt; &lt;base64(payload)&gt;
 * </pre>
 * and the other side's reader hands it to {@link #onRemoteLine}.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Order per sender is kept because one writer lock serializes outgoing lines and one reader
 *       thread delivers incoming ones; the listener runs on that reader thread and must not block
 *       (a {@code WebRtcTransport} only parses and posts to its event loop).</li>
 *   <li>A test harness, not a relay: ids are trusted, nothing is rate-limited.</li>
 * </ul>
 */
final class PipeSignaling {
    static final String PREFIX = "SIG ";
    private static final Logger LOG = LoggerFactory.getLogger(PipeSignaling.class);

    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();
    private final Consumer<String> lineOut;

    /** @param lineOut writes one line to the other process (must be thread-safe) */
    PipeSignaling(Consumer<String> lineOut) {
        this.lineOut = Objects.requireNonNull(lineOut, "lineOut");
    }

    Endpoint endpoint(String id) {
        if (id.indexOf(' ') >= 0) {
            throw new IllegalArgumentException("ids must not contain spaces: " + id);
        }
        Endpoint e = new Endpoint(id);
        if (endpoints.putIfAbsent(id, e) != null) {
            throw new IllegalStateException("id taken: " + id);
        }
        return e;
    }

    /** Handles a {@code SIG ...} line read from the other process; false if the line is not one. */
    boolean onRemoteLine(String line) {
        if (!line.startsWith(PREFIX)) {
            return false;
        }
        String[] parts = line.split(" ", 4);
        if (parts.length != 4) {
            LOG.warn("malformed signaling line dropped");
            return true;
        }
        Endpoint target = endpoints.get(parts[2]);
        WebRtcSignaling.Listener l = target == null ? null : target.listener;
        if (l == null) {
            return true;
        }
        String payload = new String(Base64.getDecoder().decode(parts[3]), StandardCharsets.UTF_8);
        try {
            l.onSignal(parts[1], payload);
        } catch (RuntimeException e) {
            LOG.warn("signaling listener of {} threw", parts[2], e);
        }
        return true;
    }

    final class Endpoint implements WebRtcSignaling {
        private final String id;
        private volatile Listener listener;

        private Endpoint(String id) {
            this.id = id;
        }

        @Override
        public String localPeerId() {
            return id;
        }

        @Override
        public CompletableFuture<Void> send(String toPeerId, String payload) {
            Endpoint local = endpoints.get(toPeerId);
            if (local != null) {
                // Both ends in this process: the harness never does this, but keep the contract.
                Listener l = local.listener;
                if (l != null) {
                    CompletableFuture.runAsync(() -> l.onSignal(id, payload));
                }
                return CompletableFuture.completedFuture(null);
            }
            try {
                lineOut.accept(PREFIX + id + " " + toPeerId + " "
                        + Base64.getEncoder().encodeToString(payload.getBytes(StandardCharsets.UTF_8)));
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void setListener(Listener l) {
            listener = l;
        }
    }
}
