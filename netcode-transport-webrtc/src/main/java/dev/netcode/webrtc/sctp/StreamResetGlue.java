package dev.netcode.webrtc.sctp;

import dev.netcode.webrtc.sctp.internal.LazyTimer;
import dev.netcode.webrtc.sctp.internal.ReconfigChunk;
import dev.netcode.webrtc.sctp.internal.StreamResetHandler;

/**
 * Connects the RFC 6525 {@link StreamResetHandler} to the rest of the association: which streams
 * have drained, the TSNs a reset request must name, resetting the reassembly and send queues, the
 * RE-CONFIG retransmission timer, and the {@link SctpListener#onStreamReset} event.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>An unanswered request counts as an association error like any other timeout; an answer
 *       clears the error counter.</li>
 * </ul>
 */
final class StreamResetGlue implements StreamResetHandler.Host {
    private final Tcb tcb;
    private final LazyTimer reconfigTimer;

    StreamResetGlue(Tcb tcb) {
        this.tcb = tcb;
        this.reconfigTimer = tcb.newTimer(this::onTimer);
    }

    void requestReset(int[] streamIds) {
        if (tcb.state != SctpState.ESTABLISHED || tcb.resets == null) {
            throw new SctpInvalidStateException("resetStreams() in state " + tcb.state);
        }
        tcb.resets.requestReset(streamIds);
        tcb.out.flushIfIdle();
    }

    boolean isResetting(int streamId) {
        return tcb.resets != null && tcb.resets.isResetting(streamId);
    }

    /** A stream may have drained or an ack arrived: a pending request can go out now. */
    void maybeSendRequest() {
        if (tcb.resets != null) {
            tcb.resets.maybeSendRequest();
        }
    }

    void onReconfig(ReconfigChunk r) {
        if (tcb.resets != null) {
            tcb.resets.onReconfig(r);
        }
    }

    private void onTimer() {
        StreamResetHandler resets = tcb.resets;
        if (tcb.state.isTerminal() || resets == null || !resets.requestInFlight()) {
            return;
        }
        if (resets.awaitingResponse() && tcb.tooManyErrors()) {
            return; // a lost request or response counts like any other timeout
        }
        resets.onTimer();
        tcb.out.flushIfIdle();
    }

    @Override
    public boolean outgoingDrained(int streamId) {
        return tcb.sendQueue.isStreamDrained(streamId);
    }

    @Override
    public int lastAssignedTsn() {
        return tcb.rtx.lastAssignedTsn();
    }

    @Override
    public int receivedCumulativeTsn() {
        return tcb.tracker.cumulativeTsn();
    }

    @Override
    public void resetIncoming(int[] streamIds) {
        if (streamIds.length == 0) {
            tcb.reassembly.resetAllStreams();
        }
        for (int id : streamIds) {
            tcb.reassembly.resetStream(id);
        }
    }

    @Override
    public void resetOutgoing(int streamId) {
        tcb.sendQueue.resetOutgoing(streamId);
    }

    @Override
    public void sendReconfig(ReconfigChunk chunk) {
        tcb.control.add(chunk);
    }

    @Override
    public void streamResetComplete(int streamId) {
        tcb.listener.onStreamReset(streamId);
    }

    @Override
    public void startReconfigTimer() {
        reconfigTimer.start(tcb.rto.rtoNanos());
    }

    @Override
    public void stopReconfigTimer() {
        reconfigTimer.stop();
        tcb.errorCount = 0;
    }
}
