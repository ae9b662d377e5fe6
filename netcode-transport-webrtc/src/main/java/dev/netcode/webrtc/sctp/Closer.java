package dev.netcode.webrtc.sctp;

import dev.netcode.webrtc.sctp.internal.AbortChunk;
import dev.netcode.webrtc.sctp.internal.ErrorCause;
import dev.netcode.webrtc.sctp.internal.LazyTimer;
import dev.netcode.webrtc.sctp.internal.SackChunk;
import dev.netcode.webrtc.sctp.internal.ShutdownAckChunk;
import dev.netcode.webrtc.sctp.internal.ShutdownChunk;
import dev.netcode.webrtc.sctp.internal.ShutdownCompleteChunk;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of an association: graceful SHUTDOWN (RFC 9260 §9.2) with its T2-shutdown timer, ABORT
 * sent or received (§9.1), and failure on a protocol violation or when the peer stops answering.
 *
 * <p>Graceful shutdown waits until the send queue and the retransmission queue are empty (all
 * data acknowledged), then SHUTDOWN / SHUTDOWN ACK / SHUTDOWN COMPLETE close both directions.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>SHUTDOWN carries a cumulative TSN ack: it is processed like a SACK without gap blocks first.</li>
 *   <li>{@link #terminate} clears every queue and stops every timer; listener callbacks come last, so
 *       a listener that inspects the association sees it already terminal.</li>
 * </ul>
 */
final class Closer {
    private static final Logger log = LoggerFactory.getLogger(Closer.class);
    private static final int[] NONE = new int[0];

    private final Tcb tcb;
    private final LazyTimer t2Shutdown;

    Closer(Tcb tcb) {
        this.tcb = tcb;
        this.t2Shutdown = tcb.newTimer(this::onT2);
    }

    void shutdown() {
        switch (tcb.state) {
            case ESTABLISHED -> {
                tcb.state = SctpState.SHUTDOWN_PENDING;
                maybeProgressShutdown();
                tcb.out.flushIfIdle();
            }
            case CLOSED, COOKIE_WAIT, COOKIE_ECHOED -> abort("shutdown before the association was established");
            default -> {
                // already shutting down or terminal
            }
        }
    }

    void abort(String reason) {
        if (tcb.state.isTerminal()) {
            return;
        }
        if (tcb.peerTag != 0) {
            tcb.out.sendSingle(tcb.peerTag,
                    new AbortChunk(false, List.of(ErrorCause.text(ErrorCause.USER_INITIATED_ABORT, reason))));
        }
        terminate(SctpState.ABORTED);
        tcb.listener.onAborted(new SctpException("aborted locally: " + reason), false);
    }

    void onShutdown(ShutdownChunk s) {
        if (tcb.cc == null) {
            return;
        }
        tcb.sender.onSack(new SackChunk(s.cumulativeTsnAck(), tcb.rtx.peerAdvertisedRwndBytes(), NONE, NONE, NONE));
        switch (tcb.state) {
            case ESTABLISHED, SHUTDOWN_PENDING -> {
                tcb.state = SctpState.SHUTDOWN_RECEIVED;
                maybeProgressShutdown();
            }
            case SHUTDOWN_SENT -> {
                // Both sides shut down at once (§9.2): acknowledge theirs.
                tcb.state = SctpState.SHUTDOWN_ACK_SENT;
                tcb.control.add(new ShutdownAckChunk());
                t2Shutdown.start(tcb.rto.rtoNanos());
            }
            default -> {
            }
        }
    }

    void onShutdownAck() {
        if (tcb.state == SctpState.SHUTDOWN_SENT || tcb.state == SctpState.SHUTDOWN_ACK_SENT) {
            tcb.out.sendSingle(tcb.peerTag, new ShutdownCompleteChunk(false));
            closeGracefully();
        }
    }

    void onShutdownComplete() {
        if (tcb.state == SctpState.SHUTDOWN_ACK_SENT) {
            closeGracefully();
        }
    }

    void onAbort(AbortChunk a) {
        if (tcb.state == SctpState.CLOSED) {
            return;
        }
        String why = describe(a.causes());
        terminate(SctpState.ABORTED);
        tcb.listener.onAborted(new SctpException("aborted by peer: " + why), true);
    }

    /** Sends SHUTDOWN or SHUTDOWN ACK once everything queued has been acknowledged. */
    void maybeProgressShutdown() {
        if (!tcb.sendQueue.isEmpty() || !tcb.rtx.isEmpty()) {
            return;
        }
        if (tcb.state == SctpState.SHUTDOWN_PENDING) {
            tcb.state = SctpState.SHUTDOWN_SENT;
            tcb.control.add(new ShutdownChunk(tcb.tracker.cumulativeTsn()));
            t2Shutdown.start(tcb.rto.rtoNanos());
        } else if (tcb.state == SctpState.SHUTDOWN_RECEIVED) {
            tcb.state = SctpState.SHUTDOWN_ACK_SENT;
            tcb.control.add(new ShutdownAckChunk());
            t2Shutdown.start(tcb.rto.rtoNanos());
        }
    }

    private void onT2() {
        if (tcb.state != SctpState.SHUTDOWN_SENT && tcb.state != SctpState.SHUTDOWN_ACK_SENT) {
            return;
        }
        if (tcb.tooManyErrors()) {
            return;
        }
        tcb.rto.backOff();
        tcb.control.add(tcb.state == SctpState.SHUTDOWN_SENT ? new ShutdownChunk(tcb.tracker.cumulativeTsn())
                : new ShutdownAckChunk());
        t2Shutdown.start(tcb.rto.rtoNanos());
        tcb.out.flushIfIdle();
    }

    private void closeGracefully() {
        terminate(SctpState.SHUT_DOWN);
        tcb.listener.onClosed();
    }

    /** Aborts because of {@code reason} (a protocol violation or an unreachable peer). */
    void fail(SctpException reason) {
        if (tcb.state.isTerminal()) {
            return;
        }
        log.debug("association failed: {}", reason.getMessage());
        if (tcb.peerTag != 0) {
            int code = reason instanceof SctpProtocolViolationException v ? v.causeCode()
                    : ErrorCause.USER_INITIATED_ABORT;
            tcb.out.sendSingle(tcb.peerTag, new AbortChunk(false, List.of(ErrorCause.text(code, reason.getMessage()))));
        }
        terminate(SctpState.ABORTED);
        tcb.listener.onAborted(reason, false);
    }

    void terminate(SctpState terminal) {
        tcb.state = terminal;
        tcb.stopAllTimers();
        tcb.control.clear();
        tcb.sendQueue.clear();
        tcb.rtx.clear();
    }

    private static String describe(List<ErrorCause> causes) {
        StringBuilder sb = new StringBuilder();
        for (ErrorCause c : causes) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(c.describe());
        }
        return sb.length() == 0 ? "no cause given" : sb.toString();
    }
}
