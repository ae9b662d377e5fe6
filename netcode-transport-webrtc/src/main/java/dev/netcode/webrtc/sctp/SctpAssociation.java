package dev.netcode.webrtc.sctp;

import java.nio.ByteBuffer;

/**
 * One SCTP association as WebRTC uses it (RFC 8261, RFC 8831): a single path, no IP addresses,
 * carried by DTLS. This class is only the coordinator: it validates API calls and routes them to
 * one package-private class per concern, which share the association's control block ({@code Tcb}):
 *
 * <ul>
 *   <li>{@code Handshake}: INIT / INIT ACK / COOKIE ECHO / COOKIE ACK, T1-init, verification tags;</li>
 *   <li>{@code Closer}: SHUTDOWN, ABORT, T2-shutdown, failure on violations or silence;</li>
 *   <li>{@code InboundDispatcher}: packet decoding and chunk dispatch;</li>
 *   <li>{@code PacketAssembler}: bundling SACK, FORWARD TSN, control chunks and DATA into packets;</li>
 *   <li>{@code DataSender}: send queue to retransmission queue under cwnd and rwnd, SACK
 *       processing, T3-rtx, fast retransmit, PR-SCTP abandonment;</li>
 *   <li>{@code DataReceiver}: TSN tracking, the SACK policy, reassembly and FORWARD TSN;</li>
 *   <li>{@code Heartbeats} and {@code StreamResetGlue}: heartbeats and RFC 6525 stream reset.</li>
 * </ul>
 *
 * <p>Below them, in {@code dev.netcode.webrtc.sctp.internal}, are the protocol data structures,
 * each testable alone: the codec and chunk records, {@code StateCookie}, {@code SendQueue},
 * {@code RetransmissionQueue}, {@code CongestionControl}, {@code RtoEstimator},
 * {@code ReceivedTsnTracker}, {@code ReassemblyQueue} and {@code StreamResetHandler}.
 *
 * <h2>Use</h2>
 * <pre>{@code
 * SctpAssociation a = new SctpAssociation(config, dtls::sendApplicationData,
 *         SctpScheduler.of(channel.eventLoop()), listener);
 * a.connect();                          // or a.listen(fallbackMs) on one side, so INITs do not cross
 * // for every decrypted DTLS record:  a.handlePacket(buffer);
 * a.send(streamId, 51, ByteBuffer.wrap(bytes), SctpSendOptions.RELIABLE_ORDERED);
 * a.resetStreams(streamId);            // closes the stream on both sides, then onStreamReset
 * }</pre>
 *
 * <h2>Threading</h2>
 * Not thread-safe by design: every method, and every scheduler task, must run on one thread (the
 * Netty event loop of the connection). Listener callbacks happen on that thread; calls made from a
 * callback are applied when the current event finishes.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Zero-length messages do not exist in SCTP (RFC 9260 §6.2). WebRTC sends an empty message
 *       as one byte with PPID 56 or 57 (RFC 8831 §6.6); that mapping belongs to the DataChannel
 *       layer, so {@link #send} rejects an empty payload.</li>
 *   <li>Association restart (an INIT on an established association) is not supported: WebRTC
 *       restarts with a new DTLS session and therefore a new association.</li>
 *   <li>{@link #bufferedAmount} counts bytes not yet sent once, as browsers do; bytes sent and
 *       waiting for acknowledgement are not included.</li>
 *   <li>{@link #handlePacket} turns every problem caused by the peer into a dropped packet or an
 *       ABORT; an exception thrown by the listener itself, however, propagates to the caller.</li>
 *   <li>Set the peer's {@code a=max-message-size} with {@link #setRemoteMaxMessageSizeBytes}
 *       before sending large messages: until then RFC 8841's 64 KiB default applies.</li>
 * </ul>
 */
public final class SctpAssociation {
    private final Tcb tcb;
    private final InboundDispatcher inbound;

    /**
     * @param sink where outgoing packets go (DTLS)
     * @param scheduler clock and timers on the association's thread
     * @param listener events for the layer above
     */
    public SctpAssociation(SctpConfig config, SctpPacketSink sink, SctpScheduler scheduler, SctpListener listener) {
        Tcb t = new Tcb(config, scheduler, listener);
        t.out = new PacketAssembler(t, sink);
        t.sender = new DataSender(t);
        t.receiver = new DataReceiver(t);
        t.handshake = new Handshake(t);
        t.closer = new Closer(t);
        t.heartbeats = new Heartbeats(t);
        t.resetGlue = new StreamResetGlue(t);
        this.tcb = t;
        this.inbound = new InboundDispatcher(t);
    }

    public SctpState state() {
        return tcb.state;
    }

    /** Streams usable for sending (negotiated once established). */
    public int outboundStreams() {
        return tcb.outboundStreams;
    }

    public int inboundStreams() {
        return tcb.inboundStreams;
    }

    /** Updates the peer's maximum message size (SDP {@code a=max-message-size}; 0 means unlimited). */
    public void setRemoteMaxMessageSizeBytes(long bytes) {
        tcb.remoteMaxMessageSizeBytes = bytes == 0 ? Long.MAX_VALUE : bytes;
    }

    public long remoteMaxMessageSizeBytes() {
        return tcb.remoteMaxMessageSizeBytes;
    }

    /** Starts the handshake by sending INIT (RFC 9260 §5.1). */
    public void connect() {
        tcb.handshake.connect();
    }

    /**
     * Waits for the peer's INIT and answers it; if no association came up within
     * {@code fallbackMs}, sends INIT itself as {@link #connect()} does. Use it on one side of a
     * pair whose other side {@link #connect()}s, so that INITs do not cross.
     */
    public void listen(long fallbackMs) {
        if (fallbackMs < 0) {
            throw new IllegalArgumentException("fallbackMs < 0: " + fallbackMs);
        }
        tcb.handshake.listen(fallbackMs);
    }

    /**
     * Sends one message.
     *
     * @throws IllegalArgumentException for an empty payload or a stream id out of range
     * @throws SctpMessageTooLargeException above the peer's maximum message size
     * @throws SctpSendBufferFullException when the send buffer limit would be exceeded
     * @throws SctpInvalidStateException when shutting down or closed, or the stream is being reset
     */
    public void send(int streamId, int ppid, ByteBuffer payload, SctpSendOptions options) {
        tcb.sender.send(streamId, ppid, payload, options, true);
    }

    /**
     * Like {@link #send}, for a control message of the layer above (DCEP): it counts toward the
     * send buffer limit but not toward the stream's {@link #bufferedAmount}, and so never fires
     * the low-threshold event (browsers count only user data).
     */
    public void sendControl(int streamId, int ppid, ByteBuffer payload, SctpSendOptions options) {
        tcb.sender.send(streamId, ppid, payload, options, false);
    }

    /** Bytes queued on {@code streamId} and not yet sent once (W3C {@code bufferedAmount}). */
    public long bufferedAmount(int streamId) {
        return tcb.sendQueue.bufferedBytes(streamId);
    }

    /** Bytes queued on all streams and not yet sent once. */
    public long totalBufferedAmount() {
        return tcb.sendQueue.totalBufferedBytes();
    }

    /** Sets the threshold under which {@link SctpListener#onBufferedAmountLow} fires for the stream. */
    public void setBufferedAmountLowThreshold(int streamId, long bytes) {
        tcb.sendQueue.setLowThreshold(streamId, bytes);
    }

    /**
     * Closes streams (RFC 6525 outgoing reset; the peer answers with its own): queued data on them
     * is sent first; {@link SctpListener#onStreamReset} fires per stream when both directions are
     * reset.
     */
    public void resetStreams(int... streamIds) {
        tcb.resetGlue.requestReset(streamIds);
    }

    /** Graceful close (RFC 9260 §9.2): queued data is delivered first, then SHUTDOWN. */
    public void shutdown() {
        tcb.closer.shutdown();
    }

    /** Immediate close (RFC 9260 §9.1): sends ABORT with a User-Initiated Abort cause. */
    public void abort(String reason) {
        tcb.closer.abort(reason);
    }

    public SctpStats stats() {
        Tcb t = tcb;
        long cwnd = t.cc == null ? 0 : t.cc.cwndBytes();
        long ssthresh = t.cc == null ? 0 : t.cc.ssthreshBytes();
        long srttMicros = t.rto.srttNanos() < 0 ? -1 : t.rto.srttNanos() / 1000;
        return new SctpStats(t.packetsSent, t.packetsReceived, t.dataChunksSent, t.dataChunksRetransmitted,
                t.fastRetransmits, t.t3Expirations, t.forwardTsnsSent, t.packetsDropped, cwnd, ssthresh,
                t.rtx.flightBytes(), t.rtx.peerRwndBytes(), t.rto.rtoNanos() / Tcb.MS, srttMicros,
                t.reassembly.bufferedBytes(), t.sendQueue.totalBufferedBytes(), t.rtx.size());
    }

    /**
     * Feeds one received SCTP packet (a decrypted DTLS record). Never throws for bad input:
     * malformed packets are dropped and counted, protocol violations abort the association.
     */
    public void handlePacket(ByteBuffer packet) {
        inbound.handlePacket(packet);
    }
}
