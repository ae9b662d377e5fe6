package dev.netcode.webrtc.sctp;

import dev.netcode.webrtc.sctp.internal.DataChunk;
import dev.netcode.webrtc.sctp.internal.ErrorCause;
import dev.netcode.webrtc.sctp.internal.ErrorChunk;
import dev.netcode.webrtc.sctp.internal.ForwardTsnChunk;
import dev.netcode.webrtc.sctp.internal.LazyTimer;
import dev.netcode.webrtc.sctp.internal.ReceivedTsnTracker;
import dev.netcode.webrtc.sctp.internal.SackChunk;
import dev.netcode.webrtc.sctp.internal.Serial;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The receiving half of data transfer (RFC 9260 §6.2, RFC 3758 §3.6): accepts DATA into the
 * {@link ReceivedTsnTracker} and the reassembly queue, applies FORWARD TSN, and decides when a SACK
 * goes out.
 *
 * <h2>SACK policy</h2>
 * <ul>
 *   <li>Immediately (§6.7, §6.2) when a packet brings a TSN out of order, fills a gap, is a
 *       duplicate, carries a FORWARD TSN, has the I bit set, or when we are in SHUTDOWN_SENT.</li>
 *   <li>Otherwise every second packet carrying DATA, or when the delayed-ACK timer
 *       ({@code delayedAckMs}, 200 ms by default, the RFC maximum) fires, whichever is first.</li>
 * </ul>
 * Immediate SACKs on gaps are what give the sender its miss indications for fast retransmit, and
 * the SACK after a gap is filled is what lets it leave fast recovery without waiting 200 ms.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>A chunk refused for lack of buffer space is not recorded in the tracker, so it is not
 *       acknowledged and the peer retransmits it; acknowledging it would lose it for good.</li>
 *   <li>The FORWARD TSN's new cumulative TSN comes from the peer: a value behind ours is still
 *       applied to the per-stream SSNs (it may carry stream information we have not acted on).</li>
 * </ul>
 */
final class DataReceiver {
    private final Tcb tcb;
    private final LazyTimer delayedAck;
    private boolean sackDue;
    private int packetsSinceSack;
    // Per received packet.
    private boolean hadData;
    private boolean immediateSack;
    private boolean gapsBefore;

    DataReceiver(Tcb tcb) {
        this.tcb = tcb;
        this.delayedAck = tcb.newTimer(this::onDelayedAck);
    }

    /** A packet starts being processed. */
    void beginPacket() {
        hadData = false;
        immediateSack = false;
        gapsBefore = tcb.tracker != null && tcb.tracker.hasGaps();
    }

    /** The packet is processed: schedule the SACK it calls for. */
    void endPacket() {
        ReceivedTsnTracker tracker = tcb.tracker;
        if (!hadData || tracker == null) {
            return;
        }
        packetsSinceSack++;
        if (immediateSack || gapsBefore || tracker.hasGaps() || tracker.hasDuplicates() || packetsSinceSack >= 2
                || tcb.state == SctpState.SHUTDOWN_SENT) {
            sackDue = true;
        } else {
            delayedAck.startIfStopped(tcb.config.delayedAckMs() * Tcb.MS);
        }
    }

    void onData(DataChunk d) {
        onData(d, d.flags(), d.tsn(), d.streamId(), d.ssn(), d.ppid(), d.payload());
    }

    /**
     * One DATA chunk. {@code chunk} is the decoded chunk, or null from the allocation-free path
     * ({@link InboundDispatcher}), which passes only complete (B and E) chunks and a borrowed
     * {@code payload} view valid during this call: it is delivered as it is, and copied only if
     * it has to wait in reassembly.
     */
    void onData(DataChunk chunk, int flags, int tsn, int streamId, int ssn, int ppid, ByteBuffer payload) {
        if (!tcb.acceptsData()) {
            return;
        }
        hadData = true;
        if (!payload.hasRemaining()) {
            throw new SctpProtocolViolationException(SctpProtocolViolationException.NO_USER_DATA,
                    "DATA chunk with no user data (TSN " + Serial.str(tsn) + ")");
        }
        ReceivedTsnTracker tracker = tcb.tracker;
        if (tracker.isReceived(tsn)) {
            tracker.observe(tsn); // records the duplicate for the next SACK
            immediateSack = true;
            return;
        }
        if (!tracker.inWindow(tsn)) {
            tcb.packetsDropped++;
            immediateSack = true;
            return;
        }
        boolean next = tsn == tracker.cumulativeTsn() + 1;
        if (!tcb.reassembly.canAccept(payload.remaining(), next)) {
            tcb.packetsDropped++; // no room: not acknowledged, the peer will retransmit
            immediateSack = true;
            return;
        }
        tracker.observe(tsn);
        if (streamId >= tcb.inboundStreams) {
            immediateSack = true;
            if (!tcb.errorReportedInPacket) {
                tcb.errorReportedInPacket = true;
                tcb.control.add(new ErrorChunk(List.of(new ErrorCause(ErrorCause.INVALID_STREAM_IDENTIFIER,
                        new byte[] {(byte) (streamId >> 8), (byte) streamId, 0, 0}))));
            }
            return;
        }
        if (chunk != null) {
            tcb.reassembly.add(chunk);
        } else {
            // Borrowed down to the listener (SctpListener#onMessage): no copy unless it must wait.
            tcb.reassembly.addComplete(streamId, ssn, (flags & DataChunk.FLAG_UNORDERED) != 0, ppid, payload);
        }
        if ((flags & DataChunk.FLAG_IMMEDIATE) != 0 || !next) {
            immediateSack = true;
        }
    }

    void onForwardTsn(ForwardTsnChunk f) {
        if (!tcb.acceptsData()) {
            return;
        }
        hadData = true;
        immediateSack = true;
        ReceivedTsnTracker tracker = tcb.tracker;
        if (tracker.forwardTo(f.newCumulativeTsn())) {
            tcb.reassembly.forwardTsn(f.newCumulativeTsn(), f.streams(), f.ssns());
        } else {
            tcb.reassembly.forwardTsn(tracker.cumulativeTsn(), f.streams(), f.ssns());
        }
    }

    boolean sackDue() {
        return sackDue && tcb.tracker != null;
    }

    /** Builds the SACK now due and resets the delayed-ACK state. */
    SackChunk buildSack() {
        sackDue = false;
        packetsSinceSack = 0;
        delayedAck.stop();
        return tcb.tracker.buildSack(tcb.advertisedRwnd());
    }

    private void onDelayedAck() {
        if (tcb.tracker == null || tcb.state.isTerminal()) {
            return;
        }
        sackDue = true;
        tcb.out.flushIfIdle();
    }
}
