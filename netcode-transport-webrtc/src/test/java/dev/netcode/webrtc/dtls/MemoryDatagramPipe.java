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
    private static final boolean TRACE = Boolean.getBoolean("netcode.pipe.trace");
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

    /** Record types, epochs and handshake message types of a datagram, for traces. */
    static String describe(byte[] d) {
        StringBuilder sb = new StringBuilder();
        int pos = 0;
        while (pos + 13 <= d.length) {
            int type = d[pos] & 0xff;
            int epoch = (d[pos + 3] & 0xff) << 8 | (d[pos + 4] & 0xff);
            int len = (d[pos + 11] & 0xff) << 8 | (d[pos + 12] & 0xff);
            sb.append('[').append(type).append(" e").append(epoch);
            if (type == 22 && epoch == 0 && pos + 13 < d.length) {
                sb.append(" hs").append(d[pos + 13] & 0xff);
            }
            sb.append(']');
            pos += 13 + len;
        }
        return sb.toString();
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
        private final String name;
        private volatile Consumer<ByteBuffer> receiver = b -> { };
        private volatile double lossRate;
        private volatile double duplicateRate;
        private volatile double reorderRate;
        private volatile boolean blackhole;
        private final java.util.concurrent.atomic.AtomicInteger dropNext = new java.util.concurrent.atomic.AtomicInteger();
        /** The first datagrams sent this way, for protocol-level assertions. */
        final java.util.List<byte[]> firstDatagrams = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        final AtomicLong sent = new AtomicLong();
        final AtomicLong dropped = new AtomicLong();

        Direction(String name, Random random) {
            this.name = name;
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

        /** Drops the next {@code n} datagrams for certain (e.g. a first flight), on top of random loss. */
        void dropNext(int n) {
            dropNext.set(n);
        }

        /** Drops everything: a peer that never answers. */
        void blackhole(boolean value) {
            this.blackhole = value;
        }

        @Override
        public void send(ByteBuffer datagram) {
            byte[] copy = new byte[datagram.remaining()];
            datagram.get(copy);
            if (sent.incrementAndGet() <= 16) {
                firstDatagrams.add(copy);
            }
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
            boolean lost = blackhole || loss < lossRate || dropNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
            copies = dup < duplicateRate ? 2 : 1;
            if (TRACE) {
                System.out.printf("%d %s %s%n", System.nanoTime() / 1_000_000 % 100_000, name, describe(copy)
                        + (lost ? " LOST" : copies == 2 ? " DUP" : "") + (reorder < reorderRate ? " LATE" : ""));
            }
            if (lost) {
                dropped.incrementAndGet();
                return;
            }
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
