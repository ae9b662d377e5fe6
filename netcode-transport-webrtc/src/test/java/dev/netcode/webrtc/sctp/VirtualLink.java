package dev.netcode.webrtc.sctp;

import java.nio.ByteBuffer;
import java.util.Random;
import java.util.function.Consumer;

/**
 * One direction of a deterministic impaired link: seeded drop, duplication, reordering, delay with
 * jitter, and optionally a bandwidth with a bounded bottleneck queue (tail drop), all in virtual
 * time. Packets are copied because the association reuses its send buffer.
 */
final class VirtualLink implements SctpPacketSink {
    double dropRate;
    double duplicateRate;
    double reorderRate;
    long delayNanos;
    long jitterNanos;
    /** 0 = infinite. */
    long bytesPerSecond;
    long queueLimitBytes = 256 * 1024;
    /** Optional tap to inspect or rewrite packets; returns null to drop. */
    java.util.function.UnaryOperator<byte[]> tap;

    private final VirtualScheduler scheduler;
    private final Random random;
    private Consumer<ByteBuffer> receiver;
    private long busyUntilNanos;
    long sent;
    long dropped;

    VirtualLink(VirtualScheduler scheduler, Random random) {
        this.scheduler = scheduler;
        this.random = random;
    }

    void connectTo(Consumer<ByteBuffer> receiver) {
        this.receiver = receiver;
    }

    @Override
    public void sendPacket(ByteBuffer packet) {
        byte[] bytes = new byte[packet.remaining()];
        packet.duplicate().get(bytes);
        sent++;
        if (tap != null) {
            bytes = tap.apply(bytes);
            if (bytes == null) {
                dropped++;
                return;
            }
        }
        long now = scheduler.nanoTime();
        long departure = now;
        if (bytesPerSecond > 0) {
            long start = Math.max(now, busyUntilNanos);
            long queued = (start - now) * bytesPerSecond / 1_000_000_000L;
            if (queued + bytes.length > queueLimitBytes) {
                dropped++;
                return;
            }
            departure = start + bytes.length * 1_000_000_000L / bytesPerSecond;
            busyUntilNanos = departure;
        }
        if (random.nextDouble() < dropRate) {
            dropped++;
            return;
        }
        int copies = random.nextDouble() < duplicateRate ? 2 : 1;
        for (int i = 0; i < copies; i++) {
            long delay = delayNanos;
            if (jitterNanos > 0) {
                delay += (long) ((random.nextDouble() * 2 - 1) * jitterNanos);
            }
            if (random.nextDouble() < reorderRate) {
                delay += delayNanos / 2 + (long) (random.nextDouble() * Math.max(delayNanos, 10_000_000L));
            }
            byte[] copy = bytes;
            scheduler.schedule(() -> receiver.accept(ByteBuffer.wrap(copy)), departure - now + Math.max(0, delay));
        }
    }
}
