package dev.netcode.webrtc.sctp;

import dev.netcode.webrtc.sctp.internal.HeartbeatChunk;
import dev.netcode.webrtc.sctp.internal.LazyTimer;
import java.nio.ByteBuffer;

/**
 * Path heartbeats (RFC 9260 §8.3): a HEARTBEAT every {@code heartbeatIntervalMs} + RTO while the
 * association is up, answered by the peer with HEARTBEAT ACK; an unanswered one counts as an
 * association error, an answered one is an RTT sample and clears the error counter.
 *
 * <p>The heartbeat information is our send time and a random nonce (16 bytes). We answer the peer's
 * heartbeats by echoing their information unchanged.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>The echoed information is the peer's bytes: it is bounded (1 KiB) before we reflect it, so a
 *       peer cannot use us to amplify.</li>
 *   <li>Only the ACK carrying the current nonce is an RTT sample; a forged or late ACK is ignored.</li>
 * </ul>
 */
final class Heartbeats {
    /** Largest heartbeat information we reflect. */
    static final int MAX_REFLECTED_INFO_BYTES = 1024;
    private static final int INFO_BYTES = 16;

    private final Tcb tcb;
    private final LazyTimer timer;
    private long nonce;
    private boolean outstanding;

    Heartbeats(Tcb tcb) {
        this.tcb = tcb;
        this.timer = tcb.newTimer(this::onTimer);
    }

    /** The association is up: start sending heartbeats (unless disabled). */
    void start() {
        if (tcb.config.heartbeatIntervalMs() > 0) {
            timer.start(tcb.config.heartbeatIntervalMs() * Tcb.MS);
        }
    }

    void onHeartbeat(HeartbeatChunk hb) {
        if (!hb.ack()) {
            if (tcb.peerTag != 0 && hb.info().length <= MAX_REFLECTED_INFO_BYTES) {
                tcb.control.add(new HeartbeatChunk(true, hb.info()));
            }
            return;
        }
        byte[] info = hb.info();
        if (info.length != INFO_BYTES) {
            return;
        }
        ByteBuffer b = ByteBuffer.wrap(info);
        long sentNanos = b.getLong();
        long echoedNonce = b.getLong();
        if (outstanding && echoedNonce == nonce) {
            outstanding = false;
            tcb.errorCount = 0;
            tcb.rto.onRttSample(tcb.nowNanos() - sentNanos);
        }
    }

    private void onTimer() {
        if (tcb.state.isTerminal() || tcb.tracker == null) {
            return;
        }
        if (outstanding && tcb.tooManyErrors()) {
            return;
        }
        nonce = tcb.config.random().nextLong();
        outstanding = true;
        ByteBuffer info = ByteBuffer.allocate(INFO_BYTES).putLong(tcb.nowNanos()).putLong(nonce);
        tcb.control.add(new HeartbeatChunk(false, info.array()));
        timer.start(tcb.config.heartbeatIntervalMs() * Tcb.MS + tcb.rto.rtoNanos());
        tcb.out.flushIfIdle();
    }
}
