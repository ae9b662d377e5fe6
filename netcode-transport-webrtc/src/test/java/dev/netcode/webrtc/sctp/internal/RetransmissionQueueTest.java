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
}
