package dev.netcode.webrtc.datachannel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code bufferedAmount} and {@code bufferedamountlow} count only what the application gave to
 * {@code send()}: the DCEP OPEN and ACK share the channel's SCTP stream but are invisible, as in
 * browsers. (Found by the PeerConnection acceptance test: the ACK leaving the queue fired a low
 * event on a fresh channel with the default threshold 0.)
 */
@Timeout(30)
class DataChannelBufferedAmountTest {

    @Test
    void theDcepOpenAndAckFireNoLowEventAndDataDoes() {
        ChannelPair p = new ChannelPair(401).connect();
        DataChannel ch = p.a.createDataChannel("fresh", DataChannelParameters.DEFAULT);
        RecordingChannelListener onA = new RecordingChannelListener();
        ch.setListener(onA);
        // Side b's listener is set where an application sets it: when the channel is announced,
        // before the ACK leaves (the ACK is queued right after onDataChannel returns).
        RecordingChannelListener onB = new RecordingChannelListener();
        p.remoteListener = onB;
        assertThat(p.run(() -> ch.readyState() == DataChannelState.OPEN, 10_000)).isTrue();
        p.clock.runFor(1_000);
        assertThat(onA.lows).as("OPEN drained: no event").isZero();
        assertThat(onB.lows).as("ACK drained: no event").isZero();
        assertThat(ch.bufferedAmount()).isZero();

        ch.send("data");
        p.clock.runFor(1_000);
        assertThat(onA.lows).as("data drained below the default threshold 0").isEqualTo(1);
        assertThat(onB.messages).hasSize(1);
    }

    @Test
    void aQueuedOpenIsNotPartOfBufferedAmount() {
        ChannelPair p = new ChannelPair(402);
        p.aToB.bytesPerSecond = 1_000_000;
        p.aToB.queueLimitBytes = 16 * 1024 * 1024;
        p.connect();
        DataChannel bulk = p.a.createDataChannel("bulk", DataChannelParameters.DEFAULT);
        assertThat(p.run(() -> bulk.readyState() == DataChannelState.OPEN, 10_000)).isTrue();
        for (int i = 0; i < 8; i++) {
            bulk.send(new byte[64 * 1024]); // more than the congestion window: the rest waits
        }
        DataChannel late = p.a.createDataChannel("late", DataChannelParameters.DEFAULT);
        RecordingChannelListener l = new RecordingChannelListener();
        late.setListener(l);
        assertThat(p.sctpA.bufferedAmount(late.id())).as("the OPEN waits behind the bulk data").isPositive();
        assertThat(late.bufferedAmount()).as("but is not the application's").isZero();
        assertThat(p.run(() -> late.readyState() == DataChannelState.OPEN, 30_000)).isTrue();
        late.send(new byte[100]);
        assertThat(late.bufferedAmount()).isBetween(0L, 100L);
        assertThat(p.run(() -> late.bufferedAmount() == 0 && l.lows == 1, 30_000)).isTrue();
    }
}
