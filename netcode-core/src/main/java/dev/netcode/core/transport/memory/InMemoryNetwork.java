package dev.netcode.core.transport.memory;

import dev.netcode.core.transport.Transport;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A network inside one JVM: server and client {@link Transport}s made from the same network reach
 * each other by address name. For tests, examples and the launcher's playtest.
 *
 * <pre>{@code
 * try (InMemoryNetwork network = InMemoryNetwork.builder().build()) {
 *     NetServer server = new NetServer(config, registry, network.transport(), listener);
 *     server.bind("arena");
 *     NetClient client = new NetClient(config, registry, network.transport(), listener);
 *     client.connect("arena");
 * }
 * }</pre>
 *
 * <p>Each direction of a connection is a bounded queue with real backpressure: a send that would
 * exceed {@code maxBufferedBytes} throws {@link dev.netcode.core.transport.BackpressureException}.
 * The queues are drained by a small shared pool of delivery threads (no thread per connection), so
 * a receiver that is slow holds its sender back exactly like a congested network link would.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>There is no latency or loss: wrap the transport with
 *       {@link dev.netcode.core.transport.Transports#conditioned} for that.</li>
 *   <li>Addresses are plain names, unique per network; close the network to stop its threads.</li>
 * </ul>
 */
public final class InMemoryNetwork implements AutoCloseable {
    final int maxMessageSizeBytes;
    final long maxBufferedBytes;
    final long highWatermarkBytes;
    final long lowWatermarkBytes;
    final ExecutorService delivery;
    final ConcurrentMap<String, InMemoryTransport.Listener> listeners = new ConcurrentHashMap<>();
    private final AtomicInteger connectionIds = new AtomicInteger();

    private InMemoryNetwork(Builder b) {
        this.maxMessageSizeBytes = b.maxMessageSizeBytes;
        this.maxBufferedBytes = b.maxBufferedBytes;
        this.highWatermarkBytes = b.maxBufferedBytes / 2;
        this.lowWatermarkBytes = b.maxBufferedBytes / 4;
        AtomicInteger threadIds = new AtomicInteger();
        this.delivery = Executors.newFixedThreadPool(b.deliveryThreads, r -> {
            Thread t = new Thread(r, "netcode-inmemory-" + threadIds.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A new transport on this network; any number may exist (typically one per endpoint). */
    public Transport transport() {
        return new InMemoryTransport(this);
    }

    int nextConnectionId() {
        return connectionIds.incrementAndGet();
    }

    @Override
    public void close() {
        delivery.shutdownNow();
        listeners.clear();
    }

    /** Limits of an {@link InMemoryNetwork}; validated on {@link #build()}. */
    public static final class Builder {
        private int maxMessageSizeBytes = 256 * 1024;
        private long maxBufferedBytes = 1024 * 1024;
        private int deliveryThreads = 2;

        /** Largest message a send accepts (default 256 KiB, as Chrome's DataChannels). */
        public Builder maxMessageSizeBytes(int value) {
            this.maxMessageSizeBytes = value;
            return this;
        }

        /** Send buffer bound per connection direction (default 1 MiB); watermarks are 1/2 and 1/4 of it. */
        public Builder maxBufferedBytes(long value) {
            this.maxBufferedBytes = value;
            return this;
        }

        /** Threads that drain all queues of the network (default 2). */
        public Builder deliveryThreads(int value) {
            this.deliveryThreads = value;
            return this;
        }

        public InMemoryNetwork build() {
            if (maxMessageSizeBytes < 16) {
                throw new IllegalArgumentException("maxMessageSizeBytes must be >= 16, was " + maxMessageSizeBytes);
            }
            if (maxBufferedBytes < maxMessageSizeBytes) {
                throw new IllegalArgumentException("maxBufferedBytes (" + maxBufferedBytes
                        + ") must be >= maxMessageSizeBytes (" + maxMessageSizeBytes + ")");
            }
            if (deliveryThreads < 1) {
                throw new IllegalArgumentException("deliveryThreads must be >= 1, was " + deliveryThreads);
            }
            return new InMemoryNetwork(this);
        }
    }
}
