package dev.netcode.webrtc.sctp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netcode.webrtc.sctp.AssociationPair.Recorder;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Two real associations over a deterministic virtual network (virtual time, seeded impairments). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SctpAssociationTest {
    private static final long SEED = 0x5C7F_2026L;

    private static byte[] pattern(int size, int seed) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 31 + seed * 7 + (i >> 8));
        }
        return b;
    }

    @Test
    void oneSidedSetupThroughInitInitAckCookie() {
        AssociationPair p = new AssociationPair(SEED, AssociationPair.defaultConfig());
        p.a.connect();
        assertThat(p.a.state()).isEqualTo(SctpState.COOKIE_WAIT);
        assertThat(p.run(() -> p.ra.up && p.rb.up, 10_000)).isTrue();
        assertThat(p.a.state()).isEqualTo(SctpState.ESTABLISHED);
        assertThat(p.b.state()).isEqualTo(SctpState.ESTABLISHED);
        assertThat(p.a.outboundStreams()).isEqualTo(65535);
    }

    @Test
    void aListeningSideAnswersTheInitWithoutSendingItsOwn() {
        AssociationPair p = new AssociationPair(SEED, AssociationPair.defaultConfig());
        p.impair(0, 0, 0, 20, 0);
        p.b.listen(200);
        p.a.connect();
        long startMs = p.scheduler.nowMs();
        assertThat(p.run(() -> p.ra.up && p.rb.up, 10_000)).isTrue();
        assertThat(p.scheduler.nowMs() - startMs).as("one four-way exchange, no fallback wait").isLessThan(200);
        // INIT ACK and COOKIE ACK from b; INIT and COOKIE ECHO from a: no crossing INITs.
        assertThat(p.b.stats().packetsSent()).isEqualTo(2);
        assertThat(p.a.stats().packetsSent()).isEqualTo(2);
        assertThat(p.a.state()).isEqualTo(SctpState.ESTABLISHED);
        assertThat(p.b.state()).isEqualTo(SctpState.ESTABLISHED);
    }

    @Test
    void twoListeningSidesFallBackToInitiatingAndEstablish() {
        AssociationPair p = new AssociationPair(SEED, AssociationPair.defaultConfig());
        p.a.listen(200);
        p.b.listen(300);
        long startMs = p.scheduler.nowMs();
        assertThat(p.run(() -> p.ra.up && p.rb.up, 10_000)).isTrue();
        assertThat(p.scheduler.nowMs() - startMs).isGreaterThanOrEqualTo(200);
        p.a.send(1, 51, ByteBuffer.wrap(new byte[] {7}), SctpSendOptions.RELIABLE_ORDERED);
        assertThat(p.run(() -> p.rb.messages.size() == 1, 10_000)).isTrue();
    }

    @Test
    void simultaneousInitsCollideAndEstablish() {
        AssociationPair p = new AssociationPair(SEED, AssociationPair.defaultConfig());
        p.impair(0, 0, 0, 20, 0);
        p.connectBoth();
        p.a.send(1, 51, ByteBuffer.wrap(new byte[] {1, 2, 3}), SctpSendOptions.RELIABLE_ORDERED);
        p.b.send(2, 53, ByteBuffer.wrap(new byte[] {4}), SctpSendOptions.RELIABLE_ORDERED);
        assertThat(p.run(() -> p.rb.messages.size() == 1 && p.ra.messages.size() == 1, 10_000)).isTrue();
        assertThat(p.rb.messages.get(0).payload()).containsExactly(1, 2, 3);
        assertThat(p.rb.messages.get(0).ppid()).isEqualTo(51);
        assertThat(p.ra.messages.get(0).streamId()).isEqualTo(2);
    }

    @Test
    void setupSurvivesLossOfHandshakePackets() {
        AssociationPair p = new AssociationPair(SEED, AssociationPair.defaultConfig());
        int[] n = {0};
        // Drop the first two packets in each direction (INITs and INIT ACKs).
        p.aToB.tap = bytes -> n[0]++ < 2 ? null : bytes;
        int[] m = {0};
        p.bToA.tap = bytes -> m[0]++ < 2 ? null : bytes;
        p.connectBoth();
        assertThat(p.a.state()).isEqualTo(SctpState.ESTABLISHED);
    }

    @Test
    void messagesOfEverySizeArriveIntactOrderedAndUnordered() {
        AssociationPair p = new AssociationPair(SEED, AssociationPair.defaultConfig()).connectBoth();
        int[] sizes = {1, 2, 3, 4, 5, 100, 1100, 1159, 1160, 1161, 1163, 2320, 4096, 16_384, 65_535, 65_536, 100_000,
                262_143, 262_144};
        List<byte[]> expected = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            byte[] msg = pattern(sizes[i], i);
            expected.add(msg);
            p.a.send(3, 53, ByteBuffer.wrap(msg), SctpSendOptions.RELIABLE_ORDERED);
            p.a.send(4, 53, ByteBuffer.wrap(msg), SctpSendOptions.RELIABLE_UNORDERED);
        }
        assertThat(p.run(() -> p.rb.messages.size() == 2 * sizes.length, 60_000)).isTrue();
        List<byte[]> ordered = new ArrayList<>();
        List<byte[]> unordered = new ArrayList<>();
        for (Recorder.Message m : p.rb.messages) {
            (m.streamId() == 3 ? ordered : unordered).add(m.payload());
        }
        assertThat(ordered).containsExactlyElementsOf(expected);
        assertThat(unordered).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void emptyAndOversizedMessagesAreRefusedAtSend() {
        AssociationPair p = new AssociationPair(SEED, SctpConfig.builder().build()).connectBoth();
        assertThatThrownBy(() -> p.a.send(0, 51, ByteBuffer.allocate(0), SctpSendOptions.RELIABLE_ORDERED))
                .isInstanceOf(IllegalArgumentException.class);
        // Default peer limit per RFC 8841 is 64 KiB until the SDP says otherwise.
        assertThatThrownBy(() -> p.a.send(0, 51, ByteBuffer.allocate(65_537), SctpSendOptions.RELIABLE_ORDERED))
                .isInstanceOf(SctpMessageTooLargeException.class)
                .hasMessageContaining("65536");
        p.a.setRemoteMaxMessageSizeBytes(262_144);
        p.a.send(0, 51, ByteBuffer.allocate(262_144), SctpSendOptions.RELIABLE_ORDERED);
        assertThatThrownBy(() -> p.a.send(0, 51, ByteBuffer.allocate(262_145), SctpSendOptions.RELIABLE_ORDERED))
                .isInstanceOf(SctpMessageTooLargeException.class);
        assertThat(p.run(() -> p.rb.messages.size() == 1, 10_000)).isTrue();
    }

    @Test
    void tenThousandMessagesExactlyOnceInOrderThroughLossDuplicationReorderingAndDelay() {
        long seed = SEED + 1;
        System.out.println("impaired transfer seed = " + seed);
        AssociationPair p = new AssociationPair(seed, AssociationPair.defaultConfig()).connectBoth();
        p.impair(0.10, 0.05, 0.05, 50, 20);
        Random sizes = new Random(seed);
        int count = 10_000;
        List<byte[]> sent = new ArrayList<>(count);
        int[] next = {0};
        // The application keeps at most 256 KiB queued, like a well-behaved DataChannel user.
        Runnable pump = () -> {
            while (next[0] < count && p.a.bufferedAmount(7) < 256 * 1024) {
                int kind = sizes.nextInt(1000);
                int size = kind < 3 ? 4 + sizes.nextInt(262_141) // a few up to 256 KiB, fragmented
                        : 4 + (kind < 125 ? sizes.nextInt(8000) : sizes.nextInt(200));
                byte[] msg = pattern(size, next[0]);
                ByteBuffer.wrap(msg).putInt(0, next[0]);
                sent.add(msg);
                p.a.send(7, 51, ByteBuffer.wrap(msg), SctpSendOptions.RELIABLE_ORDERED);
                next[0]++;
            }
        };
        p.a.setBufferedAmountLowThreshold(7, 64 * 1024);
        p.rb.onMessageHook = m -> { };
        pump.run();
        while (p.rb.messages.size() < count) {
            boolean progressed = p.run(() -> p.rb.messages.size() == count || p.ra.lowEvents.size() > 0, 600_000);
            assertThat(progressed).as("stalled at %d messages, stats %s", p.rb.messages.size(), p.a.stats()).isTrue();
            p.ra.lowEvents.clear();
            pump.run();
        }
        assertThat(p.rb.messages).hasSize(count);
        for (int i = 0; i < count; i++) {
            assertThat(p.rb.messages.get(i).payload()).as("message %d", i).isEqualTo(sent.get(i));
        }
        SctpStats stats = p.a.stats();
        System.out.println("impaired transfer: virtual " + p.scheduler.nowMs() + " ms, " + stats);
        assertThat(stats.dataChunksRetransmitted()).isPositive();
        assertThat(p.rb.maxReceiveBuffered).isLessThanOrEqualTo(2L * 1024 * 1024 + 262_144);
        assertThat(p.a.state()).isEqualTo(SctpState.ESTABLISHED);
    }
}
