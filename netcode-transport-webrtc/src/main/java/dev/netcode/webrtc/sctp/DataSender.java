package dev.netcode.webrtc.sctp;

import dev.netcode.webrtc.sctp.internal.CongestionControl;
import dev.netcode.webrtc.sctp.internal.DataChunk;
import dev.netcode.webrtc.sctp.internal.ForwardTsnChunk;
import dev.netcode.webrtc.sctp.internal.LazyTimer;
import dev.netcode.webrtc.sctp.internal.OutboundChunk;
import dev.netcode.webrtc.sctp.internal.OutboundMessage;
import dev.netcode.webrtc.sctp.internal.PacketWriter;
import dev.netcode.webrtc.sctp.internal.RetransmissionQueue;
import dev.netcode.webrtc.sctp.internal.SackChunk;
import java.nio.ByteBuffer;

/**
 * The sending half of data transfer (RFC 9260 §6.1, §6.3, §7; RFC 3758 §3.5): takes messages into
 * the send queue, cuts them into DATA chunks as the congestion and receive windows allow, moves
 * them to the retransmission queue, processes SACKs, runs the T3-rtx timer, and announces
 * abandoned PR-SCTP messages with FORWARD TSN.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>T3-rtx runs while anything is outstanding; it is restarted only when the earliest
 *       outstanding TSN is acknowledged (§6.3.2 R3), not on every SACK, or a lost chunk behind a
 *       steady stream of gap reports would never time out.</li>
 *   <li>After a fast retransmit or a timeout exactly one packet may go beyond cwnd (§7.2.4, §6.3.3).</li>
 *   <li>A zero receive window still lets one probe chunk out when nothing is in flight (§6.1 A).</li>
 * </ul>
 */
final class DataSender {
    /** Below this much room a packet is closed rather than cutting a tiny fragment. */
    private static final int MIN_FRAGMENT_BYTES = 64;

    private final Tcb tcb;
    private final LazyTimer t3Rtx;
    /** Fires when the earliest outstanding PR-SCTP message outlives its lifetime. */
    private final LazyTimer lifetimeTimer;
    private boolean forwardTsnDue;
    private long lastForwardTsnNanos;
    private boolean retransmitBeyondCwnd;
    private long lastDataSentNanos;

    DataSender(Tcb tcb) {
        this.tcb = tcb;
        this.t3Rtx = tcb.newTimer(this::onT3);
        this.lifetimeTimer = tcb.newTimer(this::onLifetimeExpiry);
    }

    void send(int streamId, int ppid, ByteBuffer payload, SctpSendOptions options) {
        send(streamId, ppid, payload, options, true);
    }

    void send(int streamId, int ppid, ByteBuffer payload, SctpSendOptions options, boolean userData) {
        SctpState state = tcb.state;
        if (state.isTerminal() || state.ordinal() >= SctpState.SHUTDOWN_PENDING.ordinal()) {
            throw new SctpInvalidStateException("send() in state " + state);
        }
        if (streamId < 0 || streamId >= tcb.outboundStreams) {
            throw new IllegalArgumentException("stream " + streamId + " outside 0.." + (tcb.outboundStreams - 1));
        }
        int size = payload.remaining();
        if (size == 0) {
            throw new IllegalArgumentException("SCTP cannot carry an empty message (map it to PPID 56/57)");
        }
        if (size > tcb.remoteMaxMessageSizeBytes) {
            throw new SctpMessageTooLargeException(size, tcb.remoteMaxMessageSizeBytes);
        }
        long buffered = tcb.sendQueue.totalBufferedBytes();
        long limit = tcb.config.maxSendBufferBytes();
        if (buffered + size > limit) {
            throw new SctpSendBufferFullException(buffered, size, limit);
        }
        if (tcb.resetGlue.isResetting(streamId)) {
            throw new SctpInvalidStateException("stream " + streamId + " is being reset");
        }
        ByteBuffer copy = ByteBuffer.allocate(size);
        copy.put(payload.duplicate()).flip();
        long expires = options.lifetimeMs() >= 0 ? tcb.nowNanos() + options.lifetimeMs() * Tcb.MS : Long.MAX_VALUE;
        tcb.sendQueue.add(userData
                ? OutboundMessage.create(streamId, ppid, options.ordered(), copy, options.maxRetransmits(), expires)
                : OutboundMessage.createControl(streamId, ppid, options.ordered(), copy, options.maxRetransmits(),
                        expires));
        tcb.out.flushIfIdle();
    }

    void onSack(SackChunk s) {
        CongestionControl cc = tcb.cc;
        if (cc == null || tcb.state.ordinal() < SctpState.ESTABLISHED.ordinal()) {
            return;
        }
        RetransmissionQueue rtx = tcb.rtx;
        long now = tcb.nowNanos();
        RetransmissionQueue.SackResult r = rtx.onSack(s, now);
        if (r.stale) {
            return;
        }
        cc.onSack(r.bytesAcked, r.flightBeforeBytes, s.cumulativeTsnAck(), r.cumulativeAdvanced, rtx.isEmpty());
        if (r.rttNanos >= 0) {
            tcb.rto.onRttSample(r.rttNanos); // also ends any RTO back-off (RFC 6298 §5.7)
        }
        if (r.cumulativeAdvanced) {
            tcb.errorCount = 0;
            // §6.3.2 R3: restart T3-rtx only when the earliest outstanding TSN was acknowledged.
            if (rtx.isEmpty()) {
                t3Rtx.stop();
            } else {
                t3Rtx.start(tcb.rto.rtoNanos());
            }
        }
        if (r.fastRetransmits > 0) {
            tcb.fastRetransmits += r.fastRetransmits;
            cc.onFastRetransmit(rtx.highestOutstandingTsn());
            retransmitBeyondCwnd = true;
        }
        if (r.ackPointAdvanced || ((rtx.hasRetransmits() || rtx.expiryDue(now)) && rtx.abandonPerPolicy(now))) {
            forwardTsnDue = true;
        }
        // RFC 3758 §3.5 C3: a SACK that does not reach the Advanced.Peer.Ack.Point means the peer may
        // have lost our FORWARD TSN; repeat it, but at most once per smoothed RTT to avoid a storm.
        if (rtx.forwardTsnNeeded() && now - lastForwardTsnNanos > Math.max(tcb.rto.srttNanos(), 10 * Tcb.MS)) {
            forwardTsnDue = true;
        }
        tcb.resetGlue.maybeSendRequest();
        tcb.closer.maybeProgressShutdown();
    }

    private void onT3() {
        RetransmissionQueue rtx = tcb.rtx;
        if (tcb.state.isTerminal() || rtx.isEmpty()) {
            return;
        }
        tcb.t3Expirations++;
        if (tcb.tooManyErrors()) {
            return;
        }
        tcb.rto.backOff();
        tcb.cc.onRetransmissionTimeout();
        rtx.onRetransmissionTimeout();
        if (rtx.abandonPerPolicy(tcb.nowNanos()) || rtx.forwardTsnNeeded()) {
            forwardTsnDue = true;
        }
        retransmitBeyondCwnd = true;
        t3Rtx.start(tcb.rto.rtoNanos());
        tcb.out.flushIfIdle();
    }

    /**
     * An outstanding message with a lifetime expired (RFC 3758 §3.5 A5 lets the sender abandon it
     * at once). Without this, an ordered {@code maxPacketLifeTime} channel would wait for three
     * miss indications or T3-rtx before skipping a lost message, holding every later message at
     * the receiver for that long.
     */
    private void onLifetimeExpiry() {
        if (!tcb.sendsData() || tcb.cc == null) {
            return;
        }
        long now = tcb.nowNanos();
        if (tcb.rtx.expiryDue(now) && tcb.rtx.abandonPerPolicy(now)) {
            forwardTsnDue = true;
        }
        armLifetimeTimer(now);
        tcb.out.flushIfIdle();
    }

    private void armLifetimeTimer(long now) {
        long next = tcb.rtx.nextExpiryNanos();
        if (next != Long.MAX_VALUE && !lifetimeTimer.isRunning()) {
            lifetimeTimer.start(Math.max(0, next - now));
        }
    }

    /** Before a round of packets: apply PR-SCTP policies to chunks waiting for retransmission. */
    void prepare(long now) {
        RetransmissionQueue rtx = tcb.rtx;
        if ((rtx.hasRetransmits() || rtx.expiryDue(now)) && rtx.abandonPerPolicy(now)) {
            forwardTsnDue = true;
        }
    }

    /** Adds a FORWARD TSN to the packet if one is due and fits. */
    void addForwardTsnIfDue(PacketWriter writer, long now, int mtu) {
        RetransmissionQueue rtx = tcb.rtx;
        if (forwardTsnDue && rtx.forwardTsnNeeded()) {
            ForwardTsnChunk f = rtx.buildForwardTsn();
            if (writer.fits(f, mtu)) {
                writer.add(f);
                tcb.forwardTsnsSent++;
                forwardTsnDue = false;
                lastForwardTsnNanos = now;
                t3Rtx.startIfStopped(tcb.rto.rtoNanos());
            }
        }
    }

    /** Fills the packet with retransmissions, then new data; true if any DATA was added. */
    boolean addData(PacketWriter writer, long now, int mtu) {
        return addRetransmissions(writer, now, mtu) | addNewData(writer, now, mtu);
    }

    /** A packet with DATA left. */
    void onDataPacketSent(long now) {
        lastDataSentNanos = now;
        t3Rtx.startIfStopped(tcb.rto.rtoNanos());
        armLifetimeTimer(now);
    }

    private boolean addRetransmissions(PacketWriter writer, long now, int mtu) {
        RetransmissionQueue rtx = tcb.rtx;
        boolean added = false;
        OutboundChunk c;
        while ((c = rtx.peekRetransmit()) != null) {
            if (!retransmitBeyondCwnd && rtx.flightBytes() >= tcb.cc.cwndBytes()) {
                break;
            }
            if (!writer.fits(c.chunkForWire(), mtu)) {
                break;
            }
            rtx.retransmitted(c, now);
            writer.add(c.chunkForWire());
            tcb.dataChunksRetransmitted++;
            added = true;
        }
        if (added) {
            retransmitBeyondCwnd = false; // one packet beyond cwnd per loss event (§7.2.4)
        }
        return added;
    }

    private boolean addNewData(PacketWriter writer, long now, int mtu) {
        RetransmissionQueue rtx = tcb.rtx;
        CongestionControl cc = tcb.cc;
        boolean added = false;
        if (rtx.isEmpty() && lastDataSentNanos != 0 && now - lastDataSentNanos > tcb.rto.rtoNanos()) {
            cc.onIdle(); // §7.2.1: an unused window is no longer known to be safe
            lastDataSentNanos = now;
        }
        while (rtx.flightBytes() < cc.cwndBytes()) {
            long rwnd = rtx.peerRwndBytes();
            if (rwnd == 0 && rtx.flightBytes() > 0) {
                break; // zero window: only one probe chunk when nothing is in flight (§6.1 A)
            }
            int space = ((mtu - writer.sizeBytes()) & ~3) - DataChunk.HEADER_BYTES;
            if (space < MIN_FRAGMENT_BYTES && !(writer.isEmpty() && space > 0)) {
                break;
            }
            int max = rwnd == 0 ? space : (int) Math.min(space, Math.max(rwnd, MIN_FRAGMENT_BYTES));
            OutboundChunk c = tcb.sendQueue.next(max, rtx.nextTsn(), now);
            if (c == null) {
                break;
            }
            if (c.isPlaceholder()) {
                rtx.addPlaceholder(c);
                forwardTsnDue = true;
                continue;
            }
            rtx.add(c, now);
            writer.add(c.chunkForWire());
            tcb.dataChunksSent++;
            added = true;
        }
        return added;
    }
}
