package dev.netcode.webrtc.dtls.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Optional time stamps of one DTLS handshake, for finding where setup time goes (the
 * {@code bench} setup probe installs a {@link Sink}). Without a sink nothing is recorded and the
 * cost is one volatile read per handshake.
 *
 * <p>Events are marked from the event loop (datagram arrival) and the handshake thread (pick-up,
 * flight flush, end), so slots are claimed atomically; a handshake marks about a dozen events and
 * the rest beyond {@link #CAPACITY} are ignored.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>A diagnostic, not an API: event names and meaning may change with the handshake code.</li>
 *   <li>The sink runs on the handshake thread right after the handshake: keep it short.</li>
 * </ul>
 */
public final class HandshakeTrace {
    /** Receives each finished (or failed) handshake's trace. */
    public interface Sink {
        void onHandshakeTraced(HandshakeTrace trace);
    }

    /** Event kinds. */
    public enum Event {
        /** {@code DtlsEndpoint.start()} was called. */
        START,
        /** The handshake began running (thread picked the endpoint up, or the loop began driving it). */
        RUN,
        /** A handshake datagram arrived from the path (event loop). */
        ARRIVE,
        /** The handshake read a datagram. */
        PICKUP,
        /** A flight (or part of it) was handed to the path. */
        FLUSH,
        /** The handshake completed in BouncyCastle. */
        DONE,
        /** The endpoint is connected and about to tell its listener. */
        READY
    }

    public static final int CAPACITY = 48;
    private static volatile Sink sink;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final boolean client;
    private final long[] stampsNs = new long[CAPACITY];
    private final Event[] events = new Event[CAPACITY];
    private final AtomicInteger count = new AtomicInteger();
    private volatile long handshakeCpuNs = -1;

    private HandshakeTrace(boolean client) {
        this.client = client;
    }

    /** Installs (or with null removes) the process-wide sink. */
    public static void setSink(Sink s) {
        sink = s;
    }

    /** A new trace when a sink is installed, else null. */
    public static HandshakeTrace startIfEnabled(boolean client) {
        return sink == null ? null : new HandshakeTrace(client);
    }

    public void mark(Event e) {
        int i = count.getAndIncrement();
        if (i < CAPACITY) {
            stampsNs[i] = System.nanoTime();
            events[i] = e;
        }
    }

    /** CPU time of the current thread, or -1 when the JVM cannot tell. */
    public static long currentThreadCpuNs() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
    }

    public void setHandshakeCpuNs(long ns) {
        handshakeCpuNs = ns;
    }

    /** Hands the trace to the sink, if one is still installed. */
    public void publish() {
        Sink s = sink;
        if (s != null) {
            s.onHandshakeTraced(this);
        }
    }

    public boolean client() {
        return client;
    }

    public int size() {
        return Math.min(count.get(), CAPACITY);
    }

    public Event event(int i) {
        return events[i];
    }

    public long stampNs(int i) {
        return stampsNs[i];
    }

    /** CPU time the handshake thread spent in the handshake, or -1. */
    public long handshakeCpuNs() {
        return handshakeCpuNs;
    }
}
