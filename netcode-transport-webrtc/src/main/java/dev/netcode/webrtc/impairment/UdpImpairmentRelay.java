package dev.netcode.webrtc.impairment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A UDP relay that sits in front of one peer and forwards datagrams both ways with loss,
 * duplication, reordering, delay and jitter ({@link ImpairmentConfig}), for tests and the
 * launcher. Like Pion's virtual network, but on real sockets so a browser can go through it.
 *
 * <pre>{@code
 * try (UdpImpairmentRelay relay = UdpImpairmentRelay.start(
 *         new InetSocketAddress("127.0.0.1", 0),                 // relay port: ephemeral
 *         javaPeerHostCandidate,                                 // target: 127.0.0.1:<peer port>
 *         ImpairmentConfig.preset("broadband-p50").withSeed(seed))) {
 *     // advertise relay.localAddress() to the other side instead of the peer's own address
 *     ...
 *     ImpairmentCounters counters = relay.counters();
 * }
 * }</pre>
 *
 * <p>Topology: the relay binds one socket (port A) and forwards to a fixed target B. The client
 * is learned from the first datagram that arrives from any address other than B; after that,
 * datagrams from B go to the client and datagrams from the client go to B, all sent from port A.
 * Datagrams from any third address, and from B before a client is known, are counted and
 * dropped.
 *
 * <p>Pattern for ICE (put the relay in front of the peer under test, "target"): give the other
 * peer ("client") an SDP or trickled candidate that names the relay's address instead of the
 * target's ({@code a=candidate:... udp <prio> 127.0.0.1 <relay port> typ host}), and do not give
 * the target the client's candidates (strip them). The client's checks then reach the target
 * through the relay, the target learns the relay's address as a peer-reflexive candidate and
 * answers to it, and every datagram of the session (STUN, DTLS, SCTP) crosses the relay in both
 * directions. This is exactly the path Chromium uses by default: its mDNS host candidates are
 * unresolvable, so a Java peer only ever learns it peer-reflexively. For Chromium as the client,
 * answer its offer with the relay's candidate; for Chromium as the target the relay would need its
 * raw address (a media permission) and is rarely needed.
 *
 * <p>Threads: one receiver (blocking read, decides fates with a {@link FateGenerator} per
 * direction) and one sender (sleeps until the next datagram is due). Delay and jitter are
 * applied to within the scheduler's precision (tens of microseconds; more under load).
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Give the target exactly as it sends (same IP family and literal): {@code 127.0.0.1}
 *       and {@code localhost}/{@code ::1} are different sources.</li>
 *   <li>One client per relay. Use one relay per impaired peer pair.</li>
 *   <li>The delay is paid on each pass: an RTT through the relay gains twice the delay.</li>
 *   <li>Memory is bounded by the config's caps; datagrams above them are dropped and counted
 *       ({@link ImpairmentCounters#overflowDropped()}), never queued without bound.</li>
 * </ul>
 */
public final class UdpImpairmentRelay implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UdpImpairmentRelay.class);
    /** Larger than any UDP payload (65,507 over IPv4), so nothing is ever truncated. */
    private static final int RECEIVE_BUFFER_BYTES = 65_536;
    private static final int SOCKET_BUFFER_BYTES = 4 * 1024 * 1024;
    /** Sender wake-up granularity bound: parks for at most this long between checks. */
    private static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final ImpairmentConfig config;
    private final InetSocketAddress target;
    private final DatagramChannel channel;
    private final InetSocketAddress localAddress;
    private final FateGenerator toTargetFates;
    private final FateGenerator toClientFates;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final DelayLine line;
    private final Thread receiver;
    private final Thread sender;
    private volatile InetSocketAddress client;
    private volatile boolean running = true;
    /** An outage: every datagram is dropped (and counted) while set, on top of the config. */
    private volatile boolean dropAll;
    /** The latest non-target source becomes the client (a peer that moved to a new port). */
    private volatile boolean followLatestClient;

    private final AtomicLong received = new AtomicLong();
    private final AtomicLong forwardedToTarget = new AtomicLong();
    private final AtomicLong forwardedToClient = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong duplicated = new AtomicLong();
    private final AtomicLong reordered = new AtomicLong();
    private final AtomicLong overflowDropped = new AtomicLong();
    private final AtomicLong unknownSourceDropped = new AtomicLong();
    private final AtomicLong sendErrors = new AtomicLong();

    private UdpImpairmentRelay(InetSocketAddress bindAddress, InetSocketAddress target, ImpairmentConfig config)
            throws IOException {
        this.config = config;
        this.target = target;
        this.line = new DelayLine(config);
        // Two independent streams: traffic one way never changes the fates the other way.
        this.toTargetFates = new FateGenerator(config, config.seed());
        this.toClientFates = new FateGenerator(config, config.seed() ^ 0x9E3779B97F4A7C15L);
        this.channel = DatagramChannel.open(bindAddress.getAddress() instanceof java.net.Inet6Address
                ? java.net.StandardProtocolFamily.INET6 : java.net.StandardProtocolFamily.INET);
        try {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER_BYTES);
            channel.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER_BYTES);
            channel.bind(bindAddress);
            this.localAddress = (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        String name = "impairment-relay-" + localAddress.getPort();
        this.receiver = new Thread(this::receiveLoop, name + "-rx");
        this.sender = new Thread(this::sendLoop, name + "-tx");
        receiver.setDaemon(true);
        sender.setDaemon(true);
    }

    /**
     * Binds {@code bindAddress} (use port 0) and starts forwarding to {@code target}.
     *
     * @throws UncheckedIOException when the socket cannot be bound
     */
    public static UdpImpairmentRelay start(InetSocketAddress bindAddress, InetSocketAddress target,
            ImpairmentConfig config) {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(config, "config");
        if (target.isUnresolved()) {
            throw new IllegalArgumentException("target must be a resolved address: " + target);
        }
        UdpImpairmentRelay relay;
        try {
            relay = new UdpImpairmentRelay(bindAddress, target, config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind impairment relay on " + bindAddress, e);
        }
        relay.receiver.start();
        relay.sender.start();
        LOG.debug("impairment relay {} -> {} started: {}", relay.localAddress, target, config);
        return relay;
    }

    /** The relay's own address: advertise this instead of the target's. */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    public InetSocketAddress target() {
        return target;
    }

    public ImpairmentConfig config() {
        return config;
    }

    /**
     * Starts or ends a total outage: while {@code true} every datagram in both directions is
     * dropped (counted in {@link ImpairmentCounters#dropped()}), without consuming the seeded fates,
     * so the impairment after the outage is the same as without it. Any thread.
     */
    public void setDropAll(boolean drop) {
        dropAll = drop;
    }

    /**
     * When set, a datagram from a new non-target address makes that address the client instead of
     * being dropped: for a peer that changes its port mid-session (a browser's ICE restart gathers
     * on new sockets). Any thread.
     */
    public void setFollowLatestClient(boolean follow) {
        followLatestClient = follow;
    }

    /** The client learned from the first non-target datagram, if any yet. */
    public Optional<InetSocketAddress> client() {
        return Optional.ofNullable(client);
    }

    public ImpairmentCounters counters() {
        int queued;
        long queuedBytes;
        lock.lock();
        try {
            queued = line.size();
            queuedBytes = line.bytes();
        } finally {
            lock.unlock();
        }
        long toTarget = forwardedToTarget.get();
        long toClient = forwardedToClient.get();
        return new ImpairmentCounters(received.get(), toTarget + toClient, toTarget, toClient, dropped.get(),
                duplicated.get(), reordered.get(), overflowDropped.get(), unknownSourceDropped.get(), sendErrors.get(),
                queued, queuedBytes);
    }

    private void receiveLoop() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(RECEIVE_BUFFER_BYTES);
        while (running) {
            SocketAddress source;
            try {
                buffer.clear();
                source = channel.receive(buffer);
            } catch (ClosedChannelException e) {
                return; // close(): the normal way out
            } catch (IOException e) {
                if (running) {
                    LOG.warn("impairment relay {} receive failed", localAddress, e);
                }
                continue;
            }
            if (source == null) {
                continue;
            }
            received.incrementAndGet();
            buffer.flip();
            route((InetSocketAddress) source, buffer);
        }
    }

    private void route(InetSocketAddress source, ByteBuffer datagram) {
        Direction direction;
        InetSocketAddress destination;
        if (source.equals(target)) {
            destination = client;
            if (destination == null) {
                unknownSourceDropped.incrementAndGet();
                return;
            }
            direction = Direction.TO_CLIENT;
        } else {
            if (client == null || followLatestClient && !client.equals(source)) {
                client = source;
                LOG.debug("impairment relay {} learned client {}", localAddress, source);
            } else if (!client.equals(source)) {
                unknownSourceDropped.incrementAndGet();
                return;
            }
            destination = target;
            direction = Direction.TO_TARGET;
        }
        if (dropAll) {
            dropped.incrementAndGet();
            return;
        }
        DatagramFate fate = (direction == Direction.TO_TARGET ? toTargetFates : toClientFates).next();
        if (fate.drop()) {
            dropped.incrementAndGet();
            return;
        }
        byte[] payload = new byte[datagram.remaining()];
        datagram.get(payload);
        int result;
        lock.lock();
        try {
            result = line.offer(direction, destination, payload, fate, System.nanoTime());
            changed.signal();
        } finally {
            lock.unlock();
        }
        if (result == DelayLine.OVERFLOW) {
            overflowDropped.incrementAndGet();
            return;
        }
        if ((result & DelayLine.DUPLICATED) != 0) {
            duplicated.incrementAndGet();
        }
        if ((result & DelayLine.HELD) != 0) {
            reordered.incrementAndGet();
        }
    }

    private void sendLoop() {
        ByteBuffer out = ByteBuffer.allocateDirect(RECEIVE_BUFFER_BYTES);
        while (running) {
            DelayLine.Entry due;
            lock.lock();
            try {
                long now = System.nanoTime();
                due = line.poll(now);
                if (due == null) {
                    long next = line.nextDueNanos();
                    // nanoTime may be negative: never subtract from the "empty" marker.
                    long waitNanos = next == Long.MAX_VALUE ? MAX_PARK_NANOS : Math.min(MAX_PARK_NANOS, next - now);
                    if (waitNanos > 0) {
                        changed.awaitNanos(waitNanos);
                    }
                    continue;
                }
            } catch (InterruptedException e) {
                return; // close()
            } finally {
                lock.unlock();
            }
            out.clear();
            out.put(due.payload()).flip();
            try {
                channel.send(out, due.destination());
                (due.direction() == Direction.TO_TARGET ? forwardedToTarget : forwardedToClient).incrementAndGet();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                sendErrors.incrementAndGet();
                LOG.debug("impairment relay {} could not send to {}", localAddress, due.destination(), e);
            }
        }
    }

    /** Stops both threads, closes the socket and discards queued datagrams. Idempotent. */
    @Override
    public void close() {
        running = false;
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing impairment relay {}", localAddress, e);
        }
        sender.interrupt();
        join(receiver);
        join(sender);
        lock.lock();
        try {
            line.clear();
        } finally {
            lock.unlock();
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "UdpImpairmentRelay[" + localAddress + " -> " + target + ", " + config + "]";
    }
}
