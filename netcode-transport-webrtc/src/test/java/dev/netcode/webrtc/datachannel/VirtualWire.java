package dev.netcode.webrtc.datachannel;

import dev.netcode.webrtc.sctp.SctpPacketSink;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.function.Consumer;

/**
 * One direction of a seeded, impaired link in virtual time: drop, duplicate, reorder, delay with
 * jitter, and an optional bandwidth with a bounded bottleneck queue. Packets are copied (the
 * association reuses its send buffer).
 */
final class VirtualWire implements SctpPacketSink {
    double dropRate;
    double duplicateRate;
    double reorderRate;
    long delayNanos;
    long jitterNanos;
    /** 0 = infinite. */
    long bytesPerSecond;
    long queueLimitBytes = 256 * 1024;

    private final VirtualClock clock;
    private final Random random;
    private Consumer<ByteBuffer> receiver;
    private long busyUntilNanos;
    long packets;

    VirtualWire(VirtualClock clock, Random random) {
        this.clock = clock;
        this.random = random;
    }

    void connectTo(Consumer<ByteBuffer> receiver) {
        this.receiver = receiver;
    }

    @Override
    public void sendPacket(ByteBuffer packet) {
        byte[] bytes = new byte[packet.remaining()];
        packet.duplicate().get(bytes);
        packets++;
        long now = clock.nanoTime();
        long departure = now;
        if (bytesPerSecond > 0) {
            long start = Math.max(now, busyUntilNanos);
            long queued = (start - now) * bytesPerSecond / 1_000_000_000L;
            if (queued + bytes.length > queueLimitBytes) {
                return; // tail drop at the bottleneck
            }
            departure = start + bytes.length * 1_000_000_000L / bytesPerSecond;
            busyUntilNanos = departure;
        }
        if (random.nextDouble() < dropRate) {
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
            scheduleDelivery(bytes, departure - now + Math.max(0, delay));
        }
    }

    private void scheduleDelivery(byte[] bytes, long delayNanos) {
        clock.schedule(() -> receiver.accept(ByteBuffer.wrap(bytes)), delayNanos);
    }
}
