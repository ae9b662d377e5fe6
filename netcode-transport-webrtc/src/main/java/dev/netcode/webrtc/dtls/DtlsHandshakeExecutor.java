package dev.netcode.webrtc.dtls;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded thread pool on which BouncyCastle's blocking DTLS handshakes run. One per process (or
 * per host) is enough; share it between all {@link DtlsEndpoint}s.
 *
 * <p>A handshake thread spends nearly all its time waiting for the peer's next flight (CPU per
 * handshake is about 2 ms), so the pool is deliberately larger than the core count: the default is
 * {@code max(16, 4 × cores)} threads and 1024 waiting handshakes. A pool of only {@code cores}
 * threads starves as soon as a few peers are slow or silent, each holding a thread until the
 * handshake timeout; and when both ends of a connection live in one process, clients occupying every
 * thread would wait for servers queued behind them. Beyond the waiting limit,
 * {@link DtlsEndpoint#start()} fails the endpoint with a {@link DtlsException} instead of queueing
 * without bound.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Never pass a Netty event loop here: a handshake blocks its thread for up to the handshake
 *       timeout.</li>
 *   <li>With N threads at most N handshakes progress at once; a host accepting bursts of peers over
 *       long-RTT links may raise {@code threads} further.</li>
 *   <li>Threads are daemons, but {@link #close()} it on shutdown anyway to abort running handshakes.</li>
 * </ul>
 */
public final class DtlsHandshakeExecutor implements AutoCloseable {
    private static final AtomicInteger POOL_IDS = new AtomicInteger();

    private final ThreadPoolExecutor pool;

    private DtlsHandshakeExecutor(int threads, int maxWaiting) {
        int poolId = POOL_IDS.incrementAndGet();
        AtomicInteger threadIds = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "netcode-dtls-handshake-" + poolId + "-" + threadIds.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(maxWaiting), factory, new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true);
    }

    /** {@code max(16, 4 × cores)} threads, 1024 waiting handshakes. */
    public static DtlsHandshakeExecutor createDefault() {
        return create(Math.max(16, 4 * Runtime.getRuntime().availableProcessors()), 1024);
    }

    /**
     * @param threads handshakes that run at the same time
     * @param maxWaiting handshakes that may wait for a thread before {@code start()} is refused
     */
    public static DtlsHandshakeExecutor create(int threads, int maxWaiting) {
        if (threads < 1 || threads > 1024) {
            throw new IllegalArgumentException("threads must be in [1, 1024], got " + threads);
        }
        if (maxWaiting < 1 || maxWaiting > 1_000_000) {
            throw new IllegalArgumentException("maxWaiting must be in [1, 1000000], got " + maxWaiting);
        }
        return new DtlsHandshakeExecutor(threads, maxWaiting);
    }

    void execute(Runnable handshake) throws RejectedExecutionException {
        pool.execute(handshake);
    }

    /** Handshakes running or waiting right now. */
    public int activeHandshakes() {
        return pool.getActiveCount() + pool.getQueue().size();
    }

    /**
     * True while at most half of the threads are taken: room for a handshake started before its
     * path is ready ({@link DtlsEndpoint#startEarly}), which holds a thread while it waits, without
     * crowding out handshakes that could progress (a client waiting for a server queued behind it).
     */
    public boolean hasSpareThreads() {
        return activeHandshakes() < Math.max(1, pool.getMaximumPoolSize() / 2);
    }

    /** Interrupts running handshakes (their endpoints fail) and stops the threads. */
    @Override
    public void close() {
        pool.shutdownNow();
    }
}
