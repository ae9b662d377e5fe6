package dev.netcode.webrtc.dtls.internal;

import java.security.SecureRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * A small bounded pool of single-use secret values (ephemeral key pairs, signature nonces)
 * generated ahead of time on one shared background thread, so that a handshake does not compute
 * them while the peer waits.
 *
 * <p>Every value leaves the pool exactly once ({@link ArrayBlockingQueue#poll} removes it) and the
 * pool keeps no reference afterwards: two handshakes never share a value. When the pool is empty
 * the caller generates inline with its own random source; every take asks the background thread to
 * top the pool up again.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Values wait in memory until used, as a long-term private key would; they are fresh
 *       {@link SecureRandom} output and never written anywhere.</li>
 *   <li>A burst of handshakes beyond the capacity simply falls back to inline generation.</li>
 *   <li>The background thread is a daemon that ends after 10 s without work.</li>
 * </ul>
 *
 * @param <T> the precomputed value
 */
public final class PrecomputedPool<T> {
    private static final ThreadPoolExecutor BACKGROUND = background();

    private final ArrayBlockingQueue<T> ready;
    private final Function<SecureRandom, T> generator;
    private final SecureRandom random = new SecureRandom();
    private final AtomicBoolean refilling = new AtomicBoolean();

    public PrecomputedPool(int capacity, Function<SecureRandom, T> generator) {
        this.ready = new ArrayBlockingQueue<>(capacity);
        this.generator = generator;
    }

    /** A value never handed out before; generated with {@code fallback} when the pool is empty. */
    public T take(SecureRandom fallback) {
        T value = ready.poll();
        requestRefill();
        return value != null ? value : generator.apply(fallback);
    }

    /** Values ready right now. */
    public int available() {
        return ready.size();
    }

    /** Tops the pool up on the background thread unless that is already under way. */
    public void requestRefill() {
        if (ready.remainingCapacity() == 0 || !refilling.compareAndSet(false, true)) {
            return;
        }
        try {
            BACKGROUND.execute(this::refill);
        } catch (RuntimeException e) {
            refilling.set(false); // rejected: the caller generates inline next time
        }
    }

    private void refill() {
        try {
            while (ready.remainingCapacity() > 0 && ready.offer(generator.apply(random))) {
                // keep going until full
            }
        } finally {
            refilling.set(false);
        }
    }

    private static ThreadPoolExecutor background() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(64), r -> {
            Thread t = new Thread(r, "netcode-dtls-precompute");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
