package dev.netcode.webrtc.dtls;

import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A virtual network link for tests: two directions, each delivering datagrams on its own thread
 * (like a socket reader), with seeded loss, duplication and reordering that can be switched on and
 * off. Deterministic for a given seed in what it decides per datagram, not in thread timing.
 */
final class MemoryDatagramPipe implements AutoCloseable {
    private final Direction aToB;
    private final Direction bToA;

    MemoryDatagramPipe(long seed) {
        this.aToB = new Direction("a->b", new Random(seed));
        this.bToA = new Direction("b->a", new Random(seed * 31 + 7));
    }

    Direction aToB() {
        return aToB;
    }

    Direction bToA() {
        return bToA;
    }

    /** Applies the same impairment to both directions. */
    void impair(double lossRate, double duplicateRate, double reorderRate) {
        aToB.impair(lossRate, duplicateRate, reorderRate);
        bToA.impair(lossRate, duplicateRate, reorderRate);
    }

    void clearImpairment() {
        impair(0, 0, 0);
    }

    @Override
    public void close() {
        aToB.close();
        bToA.close();
    }

    /** One direction: a {@link DatagramPath} for the sender, a receiver callback on the far side. */
    static final class Direction implements DatagramPath {
        private final ScheduledExecutorService thread;
        private final Random random;
        private volatile Consumer<ByteBuffer> receiver = b -> { };
        private volatile double lossRate;
        private volatile double duplicateRate;
        private volatile double reorderRate;
        private volatile boolean blackhole;
        final AtomicLong sent = new AtomicLong();
        final AtomicLong dropped = new AtomicLong();

        Direction(String name, Random random) {
            this.random = random;
            this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "pipe-" + name);
                t.setDaemon(true);
                return t;
            });
        }

        void receiver(Consumer<ByteBuffer> value) {
            this.receiver = value;
        }

        void impair(double loss, double duplicate, double reorder) {
            this.lossRate = loss;
            this.duplicateRate = duplicate;
            this.reorderRate = reorder;
        }

        /** Drops everything: a peer that never answers. */
        void blackhole(boolean value) {
            this.blackhole = value;
        }

        @Override
        public void send(ByteBuffer datagram) {
            byte[] copy = new byte[datagram.remaining()];
            datagram.get(copy);
            sent.incrementAndGet();
            double loss;
            double dup;
            double reorder;
            long delayMs;
            int copies;
            synchronized (random) {
                loss = random.nextDouble();
                dup = random.nextDouble();
                reorder = random.nextDouble();
                delayMs = 5 + random.nextInt(40);
            }
            if (blackhole || loss < lossRate) {
                dropped.incrementAndGet();
                return;
            }
            copies = dup < duplicateRate ? 2 : 1;
            for (int i = 0; i < copies; i++) {
                try {
                    if (reorder < reorderRate) {
                        // Held back so that later datagrams overtake it.
                        thread.schedule(() -> deliver(copy), delayMs, TimeUnit.MILLISECONDS);
                    } else {
                        thread.execute(() -> deliver(copy));
                    }
                } catch (java.util.concurrent.RejectedExecutionException closed) {
                    return;
                }
            }
        }

        private void deliver(byte[] datagram) {
            receiver.accept(ByteBuffer.wrap(datagram));
        }

        void close() {
            thread.shutdownNow();
        }
    }
}
