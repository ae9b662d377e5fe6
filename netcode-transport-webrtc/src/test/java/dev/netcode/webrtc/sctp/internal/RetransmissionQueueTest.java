package dev.netcode.webrtc.sctp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Fast retransmit (RFC 9260 §7.2.4) and PR-SCTP lifetime bookkeeping of the retransmission queue. */
class RetransmissionQueueTest {
    private static final int TSN0 = 1000;
    private static final int[] NONE = new int[0];

    private final SendQueue sendQueue = new SendQueue(id -> { });
    private final RetransmissionQueue rtx = new RetransmissionQueue(TSN0, 1 << 20);

    private OutboundChunk sendOne(long nowNanos, long expiresAtNanos) {
        sendQueue.add(OutboundMessage.create(0, 53, true, ByteBuffer.allocate(100), -1, expiresAtNanos));
        OutboundChunk c = sendQueue.next(1000, rtx.nextTsn(), nowNanos);
        rtx.add(c, nowNanos);
        return c;
    }

    /** A SACK with cumulative ack {@code cum} and one gap block [cum+start, cum+end]. */
    private static SackChunk sack(int cum, int start, int end) {
        return new SackChunk(cum, 1 << 20, new int[] {start}, new int[] {end}, NONE);
    }

    @Test
    void aRetransmissionLostAgainIsFastRetransmittedAgainAfterThreeFreshMisses() {
        OutboundChunk first = sendOne(0, Long.MAX_VALUE); // TSN 1000, lost
        for (int i = 1; i <= 3; i++) {
            sendOne(0, Long.MAX_VALUE); // 1001..1003 arrive, each reported by its own SACK
            RetransmissionQueue.SackResult r = rtx.onSack(sack(TSN0 - 1, 2, 1 + i), 1);
            assertThat(r.fastRetransmits).isEqualTo(i == 3 ? 1 : 0);
        }
        assertThat(rtx.peekRetransmit()).isSameAs(first);
        rtx.retransmitted(first, 2); // lost again
        // A repeated SACK for the same data newly acknowledges nothing: no miss for the retransmission.
        assertThat(rtx.onSack(sack(TSN0 - 1, 2, 4), 3).fastRetransmits).isZero();
        for (int i = 1; i <= 3; i++) {
            sendOne(4, Long.MAX_VALUE); // 1004..1006, sent after the retransmission, arrive
            RetransmissionQueue.SackResult r = rtx.onSack(sack(TSN0 - 1, 2, 4 + i), 5);
            assertThat(r.fastRetransmits).as("SACK %d after the retransmission", i).isEqualTo(i == 3 ? 1 : 0);
        }
        assertThat(rtx.peekRetransmit()).isSameAs(first);
    }

    @Test
    void anExpiredMessageInFlightIsAbandonedAndTheAckPointMoves() {
        sendOne(0, 100); // lifetime ends at t=100
        sendOne(0, Long.MAX_VALUE);
        assertThat(rtx.expiryDue(99)).isFalse();
        assertThat(rtx.expiryDue(100)).isTrue();
        assertThat(rtx.abandonPerPolicy(100)).isTrue();
        assertThat(rtx.forwardTsnNeeded()).isTrue();
        ForwardTsnChunk f = rtx.buildForwardTsn();
        assertThat(f.newCumulativeTsn()).isEqualTo(TSN0);
        assertThat(f.streams()).containsExactly(0);
        assertThat(f.ssns()).containsExactly(0);
        assertThat(rtx.expiryDue(1_000_000)).isFalse(); // nothing left with a lifetime
    }

    @Test
    void gapBlocksAckByIndexAcrossTsnWrapAndRingGrowth() {
        // Starts just below 2^32 so the TSNs wrap, with more chunks than the ring's first capacity.
        SendQueue q = new SendQueue(id -> { });
        RetransmissionQueue w = new RetransmissionQueue(-100, 1 << 30);
        int n = 1000;
        for (int i = 0; i < n; i++) {
            q.add(OutboundMessage.create(0, 53, true, ByteBuffer.allocate(100), -1, Long.MAX_VALUE));
            w.add(q.next(1000, w.nextTsn(), 0), 0);
        }
        assertThat(w.flightBytes()).isEqualTo(100L * n);
        // TSN -100 lost; -99..-90 and 11..20 (past the wrap) arrive.
        RetransmissionQueue.SackResult r = w.onSack(
                new SackChunk(-101, 1 << 30, new int[] {2, 112}, new int[] {11, 121}, NONE), 1);
        assertThat(r.bytesAcked).isEqualTo(2000);
        assertThat(w.flightBytes()).isEqualTo(100L * (n - 20));
        // A hostile SACK with overlapping, out-of-range blocks acknowledges nothing new.
        r = w.onSack(new SackChunk(-101, 1 << 30, new int[] {2, 1, 5}, new int[] {11, 65535, 65535}, NONE), 2);
        assertThat(r.bytesAcked).isEqualTo(100L * (n - 20 - 1)); // all but the lost TSN -100
        assertThat(w.flightBytes()).isEqualTo(100);
        // The peer reneges on everything but -99..-90: the rest is in flight again.
        r = w.onSack(new SackChunk(-101, 1 << 30, new int[] {2}, new int[] {11}, NONE), 3);
        assertThat(r.bytesAcked).isZero();
        assertThat(w.flightBytes()).isEqualTo(100L * (n - 10));
        // The cumulative ack passes the wrap: everything up to TSN 500 leaves the queue.
        r = w.onSack(new SackChunk(500, 1 << 30, NONE, NONE, NONE), 4);
        assertThat(r.cumulativeAdvanced).isTrue();
        assertThat(w.size()).isEqualTo(n - 601);
        assertThat(w.flightBytes()).isEqualTo(100L * (n - 601));
        assertThat(w.highestOutstandingTsn()).isEqualTo(-101 + n);
        r = w.onSack(new SackChunk(-101 + n, 1 << 30, NONE, NONE, NONE), 5);
        assertThat(w.isEmpty()).isTrue();
        assertThat(w.flightBytes()).isZero();
    }

    @Test
    void theRingShrinksAfterABurstHasDrainedAndStillAcksAcrossTheWrap() {
        SendQueue q = new SendQueue(id -> { });
        RetransmissionQueue w = new RetransmissionQueue(-300, 1 << 30);
        // A burst of 600 chunks in flight grows the ring to 1024.
        for (int i = 0; i < 600; i++) {
            q.add(OutboundMessage.create(0, 53, true, ByteBuffer.allocate(100), -1, Long.MAX_VALUE));
            w.add(q.next(1000, w.nextTsn(), 0), 0);
        }
        assertThat(w.capacityChunks()).isEqualTo(1024);
        w.onSack(new SackChunk(w.nextTsn() - 1, 1 << 30, NONE, NONE, NONE), 1);
        assertThat(w.isEmpty()).isTrue();
        // Then steady traffic, a few chunks in flight, crossing the TSN wrap: once enough has been
        // acknowledged with the ring mostly empty, it goes back to a small size, and acks still work.
        long now = 2;
        for (int round = 0; round < 800; round++) { // two check windows: the first still saw the burst
            for (int k = 0; k < 3; k++) {
                q.add(OutboundMessage.create(0, 53, true, ByteBuffer.allocate(100), -1, Long.MAX_VALUE));
                w.add(q.next(1000, w.nextTsn(), now), now);
            }
            RetransmissionQueue.SackResult r = w.onSack(new SackChunk(w.nextTsn() - 1, 1 << 30, NONE, NONE, NONE), ++now);
            assertThat(r.bytesAcked).isEqualTo(300);
            assertThat(w.isEmpty()).isTrue();
        }
        assertThat(w.capacityChunks()).isEqualTo(RetransmissionQueue.INITIAL_RING_CHUNKS);
        // A new burst grows it again and every chunk is still found by its TSN.
        int first = w.nextTsn();
        for (int i = 0; i < 100; i++) {
            q.add(OutboundMessage.create(0, 53, true, ByteBuffer.allocate(100), -1, Long.MAX_VALUE));
            w.add(q.next(1000, w.nextTsn(), now), now);
        }
        RetransmissionQueue.SackResult r = w.onSack(new SackChunk(first - 1, 1 << 30, new int[] {2}, new int[] {100}, NONE), ++now);
        assertThat(r.bytesAcked).isEqualTo(99 * 100);
        assertThat(w.flightBytes()).isEqualTo(100);
    }
}
