package dev.netcode.webrtc.sctp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** bufferedAmount, its low-threshold event, bounded send buffer and receiver window. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SctpFlowControlTest {

    @Test
    void bufferedAmountGrowsOnASlowLinkAndLowThresholdFires() {
        AssociationPair p = new AssociationPair(31, AssociationPair.defaultConfig()).connectBoth();
        p.impair(0, 0, 0, 20, 0);
        p.aToB.bytesPerSecond = 1_000_000; // 1 MB/s bottleneck
        p.a.setBufferedAmountLowThreshold(3, 64 * 1024);
        ByteBuffer chunk = ByteBuffer.allocate(16 * 1024);
        for (int i = 0; i < 64; i++) { // 1 MiB at once: far more than the link carries in an RTT
            p.a.send(3, 53, chunk.duplicate(), SctpSendOptions.RELIABLE_ORDERED);
        }
        long initial = p.a.bufferedAmount(3);
        assertThat(initial).isGreaterThan(512 * 1024);
        assertThat(p.a.totalBufferedAmount()).isEqualTo(initial);
        p.run(() -> false, 200);
        long later = p.a.bufferedAmount(3);
        assertThat(later).isLessThan(initial).isGreaterThan(64 * 1024);
        assertThat(p.ra.lowEvents).isEmpty();
        assertThat(p.run(() -> !p.ra.lowEvents.isEmpty(), 10_000)).isTrue();
        assertThat(p.ra.lowEvents).containsExactly(3);
        assertThat(p.a.bufferedAmount(3)).isLessThanOrEqualTo(64 * 1024);
        assertThat(p.run(() -> p.rb.messages.size() == 64, 10_000)).isTrue();
        assertThat(p.a.bufferedAmount(3)).isZero();
        assertThat(p.ra.lowEvents).containsExactly(3); // once per crossing
    }

    @Test
    void sendBufferIsBoundedWithATypedError() {
        SctpConfig config = AssociationPair.defaultConfig().toBuilder().maxSendBufferBytes(1024 * 1024).build();
        AssociationPair p = new AssociationPair(32, config).connectBoth();
        p.aToB.bytesPerSecond = 100_000;
        ByteBuffer chunk = ByteBuffer.allocate(60_000);
        int accepted = 0;
        try {
            for (int i = 0; i < 100; i++) {
                p.a.send(1, 53, chunk.duplicate(), SctpSendOptions.RELIABLE_ORDERED);
                accepted++;
            }
        } catch (SctpSendBufferFullException expected) {
            // the 1 MiB bound
        }
        assertThat(accepted).isBetween(16, 19);
        assertThat(p.a.totalBufferedAmount()).isLessThanOrEqualTo(1024 * 1024);
        assertThatThrownBy(() -> p.a.send(1, 53, chunk.duplicate(), SctpSendOptions.RELIABLE_ORDERED))
                .isInstanceOf(SctpSendBufferFullException.class);
    }

    @Test
    void slowReceiverWindowIsRespectedAndMemoryStaysBounded() {
        // A small receive buffer and a peer that sends much more: the sender must stop at the
        // advertised window instead of overrunning the receiver.
        SctpConfig config = AssociationPair.defaultConfig().toBuilder().receiveBufferBytes(300_000)
                .maxMessageSizeBytes(200_000).build();
        AssociationPair p = new AssociationPair(33, config).connectBoth();
        p.impair(0.05, 0.02, 0.05, 10, 5);
        long[] maxHeld = {0};
        p.rb.onMessageHook = m -> maxHeld[0] = Math.max(maxHeld[0], p.b.stats().receiveBufferedBytes());
        ByteBuffer big = ByteBuffer.allocate(150_000);
        for (int i = 0; i < 40; i++) {
            p.a.send(i % 3, 53, big.duplicate(), i % 2 == 0 ? SctpSendOptions.RELIABLE_ORDERED
                    : SctpSendOptions.RELIABLE_UNORDERED);
        }
        for (int i = 0; i < 200; i++) {
            p.run(() -> false, 50);
            maxHeld[0] = Math.max(maxHeld[0], p.b.stats().receiveBufferedBytes());
        }
        assertThat(p.run(() -> p.rb.messages.size() == 40, 120_000)).as("%s", p.a.stats()).isTrue();
        assertThat(maxHeld[0]).isLessThanOrEqualTo(300_000 + 200_000);
        assertThat(p.b.stats().receiveBufferedBytes()).isZero();
    }
}
