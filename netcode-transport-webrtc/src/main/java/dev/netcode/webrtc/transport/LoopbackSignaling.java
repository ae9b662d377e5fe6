package dev.netcode.webrtc.transport;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * An in-process signaling hub: named {@link WebRtcSignaling} endpoints that deliver to each other
 * through one delivery thread. For tests, benchmarks and single-process playtests, where a lobby
 * would be overkill; the WebRTC traffic itself still goes over real UDP.
 *
 * <pre>{@code
 * try (LoopbackSignaling hub = new LoopbackSignaling()) {
 *     WebRtcTransport host = WebRtcTransport.create(hub.endpoint("host"), config);
 *     WebRtcTransport player = WebRtcTransport.create(hub.endpoint("player-1"), config);
 *     host.listen("host", acceptor);
 *     player.connect("host", handler).join();
 * }
 * }</pre>
 *
 * <h2>Behaviour</h2>
 * <ul>
 *   <li>Delivery is asynchronous (never inside {@code send}), in send order across the whole hub,
 *       on one daemon thread named {@code netcode-loopback-signaling}.</li>
 *   <li>Like a lobby relay, it refuses what it cannot deliver: {@code send} fails with
 *       {@link IllegalStateException} for an unknown recipient, a payload above
 *       {@code maxPayloadChars}, or more than {@code maxQueuedPayloads} undelivered payloads.</li>
 *   <li>An endpoint without a listener drops what it receives (as a lobby client does).</li>
 * </ul>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Endpoint ids are unique per hub; {@link Endpoint#close()} frees the id.</li>
 *   <li>Listeners run on the single delivery thread: a blocking listener stalls every endpoint.</li>
 * </ul>
 */
public final class LoopbackSignaling implements AutoCloseable {
    /** The lobby's default cap on a signal payload. */
    public static final int DEFAULT_MAX_PAYLOAD_CHARS = 32_768;
    public static final int DEFAULT_MAX_QUEUED_PAYLOADS = 4_096;

    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();
    private final ExecutorService delivery;
    private final int maxPayloadChars;

    /** A hub with the lobby's payload cap and 4096 queued payloads at most. */
    public LoopbackSignaling() {
        this(DEFAULT_MAX_PAYLOAD_CHARS, DEFAULT_MAX_QUEUED_PAYLOADS);
    }

    public LoopbackSignaling(int maxPayloadChars, int maxQueuedPayloads) {
        if (maxPayloadChars < 1 || maxQueuedPayloads < 1) {
            throw new IllegalArgumentException("limits must be positive: " + maxPayloadChars + ", " + maxQueuedPayloads);
        }
        this.maxPayloadChars = maxPayloadChars;
        this.delivery = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(maxQueuedPayloads), r -> {
                    Thread t = new Thread(r, "netcode-loopback-signaling");
                    t.setDaemon(true);
                    return t;
                });
    }

    /**
     * A new endpoint with id {@code peerId}.
     *
     * @throws IllegalStateException when the id is taken or the hub is closed
     */
    public Endpoint endpoint(String peerId) {
        Objects.requireNonNull(peerId, "peerId");
        if (delivery.isShutdown()) {
            throw new IllegalStateException("hub is closed");
        }
        Endpoint e = new Endpoint(peerId);
        if (endpoints.putIfAbsent(peerId, e) != null) {
            throw new IllegalStateException("peer id '" + peerId + "' is already taken");
        }
        return e;
    }

    /** Stops delivery; pending payloads are dropped. Idempotent. */
    @Override
    public void close() {
        delivery.shutdownNow();
        endpoints.clear();
    }

    /** One named mailbox of the hub. */
    public final class Endpoint implements WebRtcSignaling, AutoCloseable {
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
            Objects.requireNonNull(payload, "payload");
            if (payload.length() > maxPayloadChars) {
                return CompletableFuture.failedFuture(new IllegalStateException(
                        "payload of " + payload.length() + " chars exceeds " + maxPayloadChars));
            }
            Endpoint target = endpoints.get(toPeerId);
            if (target == null) {
                return CompletableFuture.failedFuture(new IllegalStateException("peer '" + toPeerId + "' is offline"));
            }
            CompletableFuture<Void> relayed = new CompletableFuture<>();
            try {
                delivery.execute(() -> {
                    relayed.complete(null);
                    Listener l = target.listener;
                    if (l != null && endpoints.get(target.id) == target) {
                        try {
                            l.onSignal(id, payload);
                        } catch (RuntimeException e) {
                            // A broken listener must not stop the hub for everyone else.
                            org.slf4j.LoggerFactory.getLogger(LoopbackSignaling.class)
                                    .warn("signaling listener of '{}' threw", target.id, e);
                        }
                    }
                });
            } catch (RejectedExecutionException e) {
                relayed.completeExceptionally(new IllegalStateException("hub is closed or its queue is full", e));
            }
            return relayed;
        }

        @Override
        public void setListener(Listener listener) {
            this.listener = listener;
        }

        /** Leaves the hub: the id becomes free, payloads to it fail. */
        @Override
        public void close() {
            endpoints.remove(id, this);
            listener = null;
        }

        @Override
        public String toString() {
            return "LoopbackSignaling.Endpoint[" + id + "]";
        }
    }
}
