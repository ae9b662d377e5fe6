package dev.netcode.core.conditioner;

import dev.netcode.core.transport.Transport;
import dev.netcode.core.transport.TransportConnection;
import dev.netcode.core.transport.TransportHandler;
import dev.netcode.core.transport.TransportServer;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A link conditioner: wraps any {@link Transport} and makes its connections behave like a worse
 * network, deterministically for a given seed. Switch it on with one line:
 *
 * <pre>{@code
 * Transport transport = Transports.conditioned(realTransport, LinkPreset.BROADBAND_P50, 42L);
 * }</pre>
 *
 * <h2>Model</h2>
 * Each direction ({@link LinkProfile#up()} for sends, {@link LinkProfile#down()} for receives) has a
 * bandwidth-limited link (serialization delay, a bottleneck queue that tail-drops unreliable packets
 * beyond one second), then latency ± jitter, then:
 * <ul>
 *   <li>unreliable channels: real loss, duplication and reordering (jitter reorders too);
 *       core's sequencing then drops stale {@link dev.netcode.core.Channel#UNRELIABLE_SEQUENCED} messages;</li>
 *   <li>{@link dev.netcode.core.Channel#RELIABLE_ORDERED}: a loss is turned into a retransmission delay
 *       (about one RTT per lost attempt) and later messages wait behind it, as SCTP would do, so the
 *       channel stays exactly-once and in order;</li>
 *   <li>an orderly close travels behind the reliable data.</li>
 * </ul>
 * {@link #setBlackout(boolean)} pulls the cable: unreliable packets vanish, reliable ones are held
 * until the link returns, nothing signals a close. Good for timeout tests.
 *
 * <p>Held messages count toward the connection's {@code bufferedBytes()}: a sender that outruns a
 * bandwidth cap gets {@link dev.netcode.core.transport.BackpressureException} like on a real link.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Condition one side only (typically the client): wrapping both ends applies the profile twice.</li>
 *   <li>Determinism covers the random decisions per connection (seeded from the transport seed and
 *       the connection's creation order), not thread timing.</li>
 *   <li>All delayed deliveries run on one conditioner thread per transport; this is a test and
 *       debugging tool, not for production traffic.</li>
 * </ul>
 */
public final class ConditionedTransport implements Transport {
    private final Transport inner;
    private final LinkProfile profile;
    private final long seed;
    private final ScheduledExecutorService executor;
    private final AtomicInteger connectionCount = new AtomicInteger();
    private final Set<ConditionedConnection> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean blackout;

    public ConditionedTransport(Transport inner, LinkProfile profile, long seed) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.profile = Objects.requireNonNull(profile, "profile");
        this.seed = seed;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "netcode-conditioner-" + profile.name());
            t.setDaemon(true);
            return t;
        });
    }

    public LinkProfile profile() {
        return profile;
    }

    public long seed() {
        return seed;
    }

    /** Pulls (true) or reconnects (false) the virtual cable for every connection of this transport. */
    public void setBlackout(boolean down) {
        boolean was = blackout;
        blackout = down;
        if (was && !down) {
            for (ConditionedConnection c : connections) {
                c.resume();
            }
        }
    }

    boolean blackout() {
        return blackout;
    }

    @Override
    public TransportServer listen(String address, dev.netcode.core.transport.TransportAcceptor acceptor) {
        return inner.listen(address, innerConnection -> {
            ConditionedConnection c = newConnection(null);
            c.bind(innerConnection);
            TransportHandler handler = acceptor.accept(c);
            if (handler == null) {
                forget(c);
                return null;
            }
            c.setHandler(handler);
            return c.innerHandler();
        });
    }

    @Override
    public CompletableFuture<TransportConnection> connect(String address, TransportHandler handler) {
        ConditionedConnection c = newConnection(handler);
        return inner.connect(address, c.innerHandler()).thenApply(innerConnection -> {
            c.bind(innerConnection);
            return (TransportConnection) c;
        }).whenComplete((ok, error) -> {
            if (error != null) {
                forget(c);
            }
        });
    }

    private ConditionedConnection newConnection(TransportHandler handler) {
        long connectionSeed = seed + 0x9E3779B97F4A7C15L * connectionCount.incrementAndGet();
        ConditionedConnection c = new ConditionedConnection(this, executor, profile, connectionSeed, handler);
        connections.add(c);
        return c;
    }

    void forget(ConditionedConnection c) {
        connections.remove(c);
    }

    @Override
    public void close() {
        for (ConditionedConnection c : connections) {
            c.close();
        }
        inner.close();
        executor.shutdown();
    }
}
