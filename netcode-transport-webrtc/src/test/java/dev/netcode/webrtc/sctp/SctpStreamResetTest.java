package dev.netcode.webrtc.sctp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** RFC 6525 stream reset as WebRTC uses it to close a channel: symmetric, and the id is reusable. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SctpStreamResetTest {

    private static ByteBuffer msg(int i) {
        return ByteBuffer.allocate(4).putInt(0, i);
    }

    private static int tag(AssociationPair.Recorder.Message m) {
        return ByteBuffer.wrap(m.payload()).getInt(0);
    }

    @Test
    void resetFromOneSideClosesBothAndStreamIsReusable() {
        AssociationPair p = new AssociationPair(21, AssociationPair.defaultConfig()).connectBoth();
        for (int i = 0; i < 5; i++) {
            p.a.send(5, 51, msg(i), SctpSendOptions.RELIABLE_ORDERED);
            p.b.send(5, 51, msg(100 + i), SctpSendOptions.RELIABLE_ORDERED);
        }
        // Queued data is delivered before the reset takes effect.
        p.a.resetStreams(5);
        assertThatThrownBy(() -> p.a.send(5, 51, msg(9), SctpSendOptions.RELIABLE_ORDERED))
                .isInstanceOf(SctpInvalidStateException.class);
        assertThat(p.run(() -> p.ra.resets.contains(5) && p.rb.resets.contains(5), 10_000)).isTrue();
        assertThat(p.rb.messages).hasSize(5);
        assertThat(p.ra.messages).hasSize(5);
        // Reuse: SSNs restart at 0 on both sides, so ordered delivery works again at once.
        for (int i = 0; i < 3; i++) {
            p.a.send(5, 51, msg(1000 + i), SctpSendOptions.RELIABLE_ORDERED);
            p.b.send(5, 51, msg(2000 + i), SctpSendOptions.RELIABLE_ORDERED);
        }
        assertThat(p.run(() -> p.rb.messages.size() == 8 && p.ra.messages.size() == 8, 10_000)).isTrue();
        assertThat(p.rb.messages.subList(5, 8)).extracting(SctpStreamResetTest::tag).containsExactly(1000, 1001, 1002);
        assertThat(p.ra.messages.subList(5, 8)).extracting(SctpStreamResetTest::tag).containsExactly(2000, 2001, 2002);
        assertThat(p.ra.resets).containsExactly(5);
        assertThat(p.rb.resets).containsExactly(5);
    }

    @Test
    void bothSidesResettingAtOnceAndUnderLossComplete() {
        AssociationPair p = new AssociationPair(22, AssociationPair.defaultConfig()).connectBoth();
        p.impair(0.2, 0.05, 0.05, 30, 10);
        for (int i = 0; i < 200; i++) {
            p.a.send(i % 4, 51, msg(i), SctpSendOptions.RELIABLE_ORDERED);
        }
        p.a.resetStreams(0, 1);
        p.b.resetStreams(1, 2);
        assertThat(p.run(() -> p.ra.resets.size() == 3 && p.rb.resets.size() == 3, 120_000))
                .as("A %s B %s", p.ra.resets, p.rb.resets).isTrue();
        assertThat(p.ra.resets).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(p.rb.resets).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(p.run(() -> p.rb.messages.size() == 200, 120_000)).isTrue();
        p.impair(0, 0, 0, 10, 0);
        p.a.send(1, 51, msg(7), SctpSendOptions.RELIABLE_ORDERED);
        assertThat(p.run(() -> p.rb.messages.size() == 201, 10_000)).isTrue();
    }

    @Test
    void resetArrivingBeforeTheDataIsAnsweredInProgressAndRetriedWithANewNumber() {
        AssociationPair p = new AssociationPair(24, AssociationPair.defaultConfig()).connectBoth();
        p.impair(0, 0, 0, 20, 0);
        java.util.List<Integer> results = new java.util.ArrayList<>();
        java.util.List<Integer> requestSeqs = new java.util.ArrayList<>();
        int[] dataPackets = {0};
        p.aToB.tap = bytes -> {
            for (var c : dev.netcode.webrtc.sctp.internal.SctpPacketCodec.decode(ByteBuffer.wrap(bytes)).chunks()) {
                if (c instanceof dev.netcode.webrtc.sctp.internal.DataChunk && dataPackets[0]++ == 0) {
                    return null; // lose the first DATA packet: the reset request overtakes its retransmission
                }
                if (c instanceof dev.netcode.webrtc.sctp.internal.ReconfigChunk r) {
                    for (var param : r.parameters()) {
                        if (param instanceof dev.netcode.webrtc.sctp.internal.ReconfigParameter.OutgoingResetRequest q) {
                            requestSeqs.add(q.requestSeq());
                        }
                    }
                }
            }
            return bytes;
        };
        p.bToA.tap = bytes -> {
            for (var c : dev.netcode.webrtc.sctp.internal.SctpPacketCodec.decode(ByteBuffer.wrap(bytes)).chunks()) {
                if (c instanceof dev.netcode.webrtc.sctp.internal.ReconfigChunk r) {
                    for (var param : r.parameters()) {
                        if (param instanceof dev.netcode.webrtc.sctp.internal.ReconfigParameter.Response resp) {
                            results.add(resp.result());
                        }
                    }
                }
            }
            return bytes;
        };
        p.a.send(9, 51, msg(1), SctpSendOptions.RELIABLE_ORDERED);
        p.a.resetStreams(9);
        assertThat(p.run(() -> p.ra.resets.contains(9) && p.rb.resets.contains(9), 20_000)).isTrue();
        assertThat(results).contains(dev.netcode.webrtc.sctp.internal.ReconfigParameter.Response.IN_PROGRESS,
                dev.netcode.webrtc.sctp.internal.ReconfigParameter.Response.SUCCESS_PERFORMED);
        // RFC 6525 / dcSCTP: after "In progress" the request goes out again with the next number.
        assertThat(requestSeqs).hasSizeGreaterThanOrEqualTo(2);
        assertThat(requestSeqs.get(1) - requestSeqs.get(0)).isEqualTo(1);
        assertThat(p.rb.messages).extracting(SctpStreamResetTest::tag).containsExactly(1);
    }

    @Test
    void dataQueuedBehindASlowLinkIsDeliveredBeforeTheReset() {
        AssociationPair p = new AssociationPair(25, AssociationPair.defaultConfig()).connectBoth();
        p.impair(0.05, 0, 0, 20, 0);
        p.aToB.bytesPerSecond = 500_000;
        for (int i = 0; i < 100; i++) {
            p.a.send(4, 51, ByteBuffer.allocate(5000).putInt(0, i), SctpSendOptions.RELIABLE_ORDERED);
        }
        assertThat(p.a.bufferedAmount(4)).isPositive();
        p.a.resetStreams(4);
        assertThat(p.run(() -> p.ra.resets.contains(4) && p.rb.resets.contains(4), 60_000))
                .as("%s", p.a.stats()).isTrue();
        assertThat(p.rb.messages).extracting(SctpStreamResetTest::tag)
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 100).boxed().toList());
    }

    @Test
    void manyStreamsResetTogether() {
        AssociationPair p = new AssociationPair(23, AssociationPair.defaultConfig()).connectBoth();
        int[] ids = new int[32];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i * 2;
            p.a.send(ids[i], 51, msg(i), SctpSendOptions.RELIABLE_ORDERED);
        }
        p.a.resetStreams(ids);
        assertThat(p.run(() -> p.ra.resets.size() == 32 && p.rb.resets.size() == 32, 20_000)).isTrue();
        assertThat(p.rb.messages).hasSize(32);
    }
}
