package dev.netcode.webrtc.sctp;

import dev.netcode.webrtc.sctp.internal.AbortChunk;
import dev.netcode.webrtc.sctp.internal.Chunk;
import dev.netcode.webrtc.sctp.internal.CongestionControl;
import dev.netcode.webrtc.sctp.internal.CookieAckChunk;
import dev.netcode.webrtc.sctp.internal.CookieEchoChunk;
import dev.netcode.webrtc.sctp.internal.DataChunk;
import dev.netcode.webrtc.sctp.internal.ErrorCause;
import dev.netcode.webrtc.sctp.internal.ErrorChunk;
import dev.netcode.webrtc.sctp.internal.ForwardTsnChunk;
import dev.netcode.webrtc.sctp.internal.HeartbeatChunk;
import dev.netcode.webrtc.sctp.internal.InitChunk;
import dev.netcode.webrtc.sctp.internal.LazyTimer;
import dev.netcode.webrtc.sctp.internal.OutboundChunk;
import dev.netcode.webrtc.sctp.internal.OutboundMessage;
import dev.netcode.webrtc.sctp.internal.PacketWriter;
import dev.netcode.webrtc.sctp.internal.ReassemblyQueue;
import dev.netcode.webrtc.sctp.internal.ReceivedTsnTracker;
import dev.netcode.webrtc.sctp.internal.ReconfigChunk;
import dev.netcode.webrtc.sctp.internal.RetransmissionQueue;
import dev.netcode.webrtc.sctp.internal.RtoEstimator;
import dev.netcode.webrtc.sctp.internal.SackChunk;
import dev.netcode.webrtc.sctp.internal.SctpPacket;
import dev.netcode.webrtc.sctp.internal.SctpPacketCodec;
import dev.netcode.webrtc.sctp.internal.SendQueue;
import dev.netcode.webrtc.sctp.internal.ShutdownAckChunk;
import dev.netcode.webrtc.sctp.internal.ShutdownChunk;
import dev.netcode.webrtc.sctp.internal.ShutdownCompleteChunk;
import dev.netcode.webrtc.sctp.internal.StateCookie;
import dev.netcode.webrtc.sctp.internal.StreamResetHandler;
import dev.netcode.webrtc.sctp.internal.UnknownChunk;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SCTP association as WebRTC uses it (RFC 8261, RFC 8831): a single path, no IP addresses,
 * carried by DTLS. This class is the coordinator; each concern lives in its own component of
 * {@code dev.netcode.webrtc.sctp.internal}:
 *
 * <ul>
 *   <li>{@code SctpPacketCodec}, {@code PacketWriter} and the chunk records: the wire format;</li>
 *   <li>{@code StateCookie}: the four-way handshake's signed cookie;</li>
 *   <li>{@code SendQueue}: queued messages, round-robin between streams, {@code bufferedAmount};</li>
 *   <li>{@code RetransmissionQueue}: in-flight chunks, SACK processing, fast retransmit, PR-SCTP;</li>
 *   <li>{@code CongestionControl} and {@code RtoEstimator}: cwnd/ssthresh and the RTO;</li>
 *   <li>{@code ReceivedTsnTracker} and {@code ReassemblyQueue}: the receiving side;</li>
 *   <li>{@code StreamResetHandler}: RFC 6525 stream reset used to close channels.</li>
 * </ul>
 *
 * <h2>Use</h2>
 * <pre>{@code
 * SctpAssociation a = new SctpAssociation(config, dtls::sendApplicationData,
 *         SctpScheduler.of(channel.eventLoop()), listener);
 * a.connect();                          // both WebRTC peers call connect(); INITs may cross
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
    private static final Logger log = LoggerFactory.getLogger(SctpAssociation.class);
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    /** Below this much room a packet is closed rather than cutting a tiny fragment. */
    private static final int MIN_FRAGMENT_BYTES = 64;

    private final SctpConfig config;
    private final SctpPacketSink sink;
    private final SctpScheduler scheduler;
    private final SctpListener listener;
    private final PacketWriter writer;
    private final StateCookie cookies;
    private final SendQueue sendQueue;
    private final ReassemblyQueue reassembly;
    private final RetransmissionQueue rtx;
    private final RtoEstimator rto;
    private final ArrayDeque<Chunk> control = new ArrayDeque<>();
    private final LazyTimer t1Init;
    private final LazyTimer t2Shutdown;
    private final LazyTimer t3Rtx;
    private final LazyTimer delayedAck;
    private final LazyTimer heartbeat;
    private final LazyTimer reconfigTimer;

    private final int localTag;
    private final int localInitialTsn;
    private SctpState state = SctpState.CLOSED;
    private int peerTag;
    private int outboundStreams;
    private int inboundStreams;
    private long remoteMaxMessageSizeBytes;
    private InitChunk peerInitAck;
    private byte[] cookieToEcho;
    private ReceivedTsnTracker tracker;
    private StreamResetHandler resets;
    private CongestionControl cc;

    private int depth;
    private boolean reportedInThisPacket;
    private boolean sackDue;
    private int packetsSinceSack;
    private boolean forwardTsnDue;
    private long lastForwardTsnNanos;
    private boolean retransmitBeyondCwnd;
    private int errorCount;
    private int initRetransmits;
    private long heartbeatNonce;
    private boolean heartbeatOutstanding;
    private long lastDataSentNanos;

    private long packetsSent;
    private long packetsReceived;
    private long dataChunksSent;
    private long dataChunksRetransmitted;
    private long fastRetransmits;
    private long t3Expirations;
    private long forwardTsnsSent;
    private long packetsDropped;

    /**
     * @param sink where outgoing packets go (DTLS)
     * @param scheduler clock and timers on the association's thread
     * @param listener events for the layer above
     */
    public SctpAssociation(SctpConfig config, SctpPacketSink sink, SctpScheduler scheduler, SctpListener listener) {
        this.config = config;
        this.sink = sink;
        this.scheduler = scheduler;
        this.listener = listener;
        this.writer = new PacketWriter(config.mtuBytes(), config.localPort(), config.remotePort());
        this.cookies = new StateCookie(config.random());
        this.sendQueue = new SendQueue(listener::onBufferedAmountLow);
        this.reassembly = new ReassemblyQueue(config.receiveBufferBytes(), config.maxMessageSizeBytes(),
                listener::onMessage);
        int tag;
        do {
            tag = config.random().nextInt();
        } while (tag == 0);
        this.localTag = tag;
        this.localInitialTsn = config.random().nextInt();
        this.rtx = new RetransmissionQueue(localInitialTsn, config.receiveBufferBytes());
        this.rto = new RtoEstimator(config.rtoInitialMs() * MS, config.rtoMinMs() * MS, config.rtoMaxMs() * MS);
        this.remoteMaxMessageSizeBytes = config.remoteMaxMessageSizeBytes();
        this.outboundStreams = config.streams();
        this.inboundStreams = config.streams();
        this.t1Init = new LazyTimer(scheduler, this::onT1);
        this.t2Shutdown = new LazyTimer(scheduler, this::onT2);
        this.t3Rtx = new LazyTimer(scheduler, this::onT3);
        this.delayedAck = new LazyTimer(scheduler, this::onDelayedAck);
        this.heartbeat = new LazyTimer(scheduler, this::onHeartbeatTimer);
        this.reconfigTimer = new LazyTimer(scheduler, this::onReconfigTimer);
    }

    // ------------------------------------------------------------------ public API

    public SctpState state() {
        return state;
    }

    /** Streams usable for sending (negotiated once established). */
    public int outboundStreams() {
        return outboundStreams;
    }

    public int inboundStreams() {
        return inboundStreams;
    }

    /** Updates the peer's maximum message size (SDP {@code a=max-message-size}; 0 means unlimited). */
    public void setRemoteMaxMessageSizeBytes(long bytes) {
        remoteMaxMessageSizeBytes = bytes == 0 ? Long.MAX_VALUE : bytes;
    }

    public long remoteMaxMessageSizeBytes() {
        return remoteMaxMessageSizeBytes;
    }

    /** Starts the handshake by sending INIT (RFC 9260 §5.1). Both WebRTC peers do this. */
    public void connect() {
        if (state != SctpState.CLOSED) {
            throw new SctpInvalidStateException("connect() in state " + state);
        }
        state = SctpState.COOKIE_WAIT;
        initRetransmits = 0;
        sendInit();
        t1Init.start(config.rtoInitialMs() * MS);
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
        if (state.isTerminal() || state.ordinal() >= SctpState.SHUTDOWN_PENDING.ordinal()) {
            throw new SctpInvalidStateException("send() in state " + state);
        }
        if (streamId < 0 || streamId >= outboundStreams) {
            throw new IllegalArgumentException("stream " + streamId + " outside 0.." + (outboundStreams - 1));
        }
        int size = payload.remaining();
        if (size == 0) {
            throw new IllegalArgumentException("SCTP cannot carry an empty message (map it to PPID 56/57)");
        }
        if (size > remoteMaxMessageSizeBytes) {
            throw new SctpMessageTooLargeException(size, remoteMaxMessageSizeBytes);
        }
        if (sendQueue.totalBufferedBytes() + size > config.maxSendBufferBytes()) {
            throw new SctpSendBufferFullException(sendQueue.totalBufferedBytes(), size, config.maxSendBufferBytes());
        }
        if (resets != null && resets.isResetting(streamId)) {
            throw new SctpInvalidStateException("stream " + streamId + " is being reset");
        }
        ByteBuffer copy = ByteBuffer.allocate(size);
        copy.put(payload.duplicate()).flip();
        long expires = options.lifetimeMs() >= 0 ? scheduler.nanoTime() + options.lifetimeMs() * MS : Long.MAX_VALUE;
        sendQueue.add(OutboundMessage.create(streamId, ppid, options.ordered(), copy, options.maxRetransmits(),
                expires));
        flushIfIdle();
    }

    /** Bytes queued on {@code streamId} and not yet sent once (W3C {@code bufferedAmount}). */
    public long bufferedAmount(int streamId) {
        return sendQueue.bufferedBytes(streamId);
    }

    /** Bytes queued on all streams and not yet sent once. */
    public long totalBufferedAmount() {
        return sendQueue.totalBufferedBytes();
    }

    /** Sets the threshold under which {@link SctpListener#onBufferedAmountLow} fires for the stream. */
    public void setBufferedAmountLowThreshold(int streamId, long bytes) {
        sendQueue.setLowThreshold(streamId, bytes);
    }

    /**
     * Closes streams (RFC 6525 outgoing reset; the peer answers with its own): queued data on them
     * is sent first; {@link SctpListener#onStreamReset} fires per stream when both directions are
     * reset.
     */
    public void resetStreams(int... streamIds) {
        if (state != SctpState.ESTABLISHED || resets == null) {
            throw new SctpInvalidStateException("resetStreams() in state " + state);
        }
        resets.requestReset(streamIds);
        flushIfIdle();
    }

    /** Graceful close (RFC 9260 §9.2): queued data is delivered first, then SHUTDOWN. */
    public void shutdown() {
        switch (state) {
            case ESTABLISHED -> {
                state = SctpState.SHUTDOWN_PENDING;
                maybeProgressShutdown();
                flushIfIdle();
            }
            case CLOSED, COOKIE_WAIT, COOKIE_ECHOED -> abort("shutdown before the association was established");
            default -> {
                // already shutting down or terminal
            }
        }
    }

    /** Immediate close (RFC 9260 §9.1): sends ABORT with a User-Initiated Abort cause. */
    public void abort(String reason) {
        if (state.isTerminal()) {
            return;
        }
        boolean peerKnown = peerTag != 0;
        if (peerKnown) {
            sendSingle(peerTag, new AbortChunk(false, List.of(ErrorCause.text(ErrorCause.USER_INITIATED_ABORT, reason))));
        }
        terminate(SctpState.ABORTED);
        listener.onAborted(new SctpException("aborted locally: " + reason), false);
    }

    public SctpStats stats() {
        return new SctpStats(packetsSent, packetsReceived, dataChunksSent, dataChunksRetransmitted, fastRetransmits,
                t3Expirations, forwardTsnsSent, packetsDropped, cc == null ? 0 : cc.cwndBytes(),
                cc == null ? 0 : cc.ssthreshBytes(), rtx.flightBytes(), rtx.peerRwndBytes(), rto.rtoNanos() / MS,
                rto.srttNanos() < 0 ? -1 : rto.srttNanos() / 1000, reassembly.bufferedBytes(),
                sendQueue.totalBufferedBytes(), rtx.size());
    }

    /**
     * Feeds one received SCTP packet (a decrypted DTLS record). Never throws for bad input:
     * malformed packets are dropped and counted, protocol violations abort the association.
     */
    public void handlePacket(ByteBuffer packet) {
        if (state.isTerminal()) {
            return;
        }
        packetsReceived++;
        SctpPacket p;
        try {
            p = SctpPacketCodec.decode(packet);
        } catch (SctpParseException e) {
            packetsDropped++;
            log.debug("dropping malformed SCTP packet: {}", e.getMessage());
            return;
        }
        if (p.destinationPort() != config.localPort() || p.sourcePort() != config.remotePort()) {
            packetsDropped++;
            return;
        }
        depth++;
        try {
            dispatch(p);
        } catch (SctpProtocolViolationException e) {
            fail(e);
        } finally {
            depth--;
        }
        flushIfIdle();
    }

    // ------------------------------------------------------------------ receive path

    private void dispatch(SctpPacket p) {
        List<Chunk> chunks = p.chunks();
        Chunk first = chunks.get(0);
        if (first instanceof InitChunk init && !init.ack()) {
            if (chunks.size() != 1 || p.verificationTag() != 0) {
                packetsDropped++; // §6.10: INIT must be alone, with tag 0
                return;
            }
            onInit(init);
            return;
        }
        if (!verificationTagOk(p, first)) {
            packetsDropped++;
            return;
        }
        boolean hadData = false;
        boolean immediateSack = false;
        reportedInThisPacket = false;
        boolean gapsBefore = tracker != null && tracker.hasGaps();
        for (Chunk c : chunks) {
            if (state.isTerminal()) {
                return;
            }
            if (c instanceof DataChunk d) {
                if (acceptsData()) {
                    hadData = true;
                    immediateSack |= onData(d);
                }
            } else if (c instanceof SackChunk s) {
                onSack(s);
            } else if (c instanceof HeartbeatChunk hb) {
                onHeartbeat(hb);
            } else if (c instanceof InitChunk ack) {
                onInitAck(ack);
            } else if (c instanceof CookieEchoChunk echo) {
                onCookieEcho(echo);
            } else if (c instanceof CookieAckChunk) {
                onCookieAck();
            } else if (c instanceof ForwardTsnChunk f) {
                if (acceptsData()) {
                    hadData = true;
                    immediateSack = true;
                    onForwardTsn(f);
                }
            } else if (c instanceof ReconfigChunk r) {
                if (resets != null) {
                    resets.onReconfig(r);
                }
            } else if (c instanceof AbortChunk a) {
                onAbort(a);
                return;
            } else if (c instanceof ShutdownChunk s) {
                onShutdown(s);
            } else if (c instanceof ShutdownAckChunk) {
                onShutdownAck();
            } else if (c instanceof ShutdownCompleteChunk) {
                onShutdownComplete();
            } else if (c instanceof ErrorChunk e) {
                log.debug("peer reported: {}", e.causes());
            } else if (c instanceof UnknownChunk u) {
                if (u.report() && peerTag != 0 && !reportedInThisPacket) {
                    reportedInThisPacket = true; // one report per packet: a flood must not amplify
                    control.add(new ErrorChunk(List.of(new ErrorCause(ErrorCause.UNRECOGNIZED_CHUNK_TYPE,
                            unrecognizedChunkHeader(u)))));
                }
                if (u.stopProcessing()) {
                    break;
                }
            }
        }
        if (hadData && tracker != null) {
            packetsSinceSack++;
            if (immediateSack || gapsBefore || tracker.hasGaps() || tracker.hasDuplicates() || packetsSinceSack >= 2
                    || state == SctpState.SHUTDOWN_SENT) {
                sackDue = true;
            } else {
                delayedAck.startIfStopped(config.delayedAckMs() * MS);
            }
        }
    }

    private static byte[] unrecognizedChunkHeader(UnknownChunk u) {
        ByteBuffer b = ByteBuffer.allocate(4);
        b.put((byte) u.type()).put((byte) u.flags()).putShort((short) (4 + u.value().length));
        return b.array();
    }

    private boolean verificationTagOk(SctpPacket p, Chunk first) {
        int vtag = p.verificationTag();
        if (first instanceof AbortChunk a) {
            return a.reflectedTag() ? peerTag != 0 && vtag == peerTag : vtag == localTag;
        }
        if (first instanceof ShutdownCompleteChunk sc) {
            return sc.reflectedTag() ? peerTag != 0 && vtag == peerTag : vtag == localTag;
        }
        return vtag == localTag;
    }

    private boolean acceptsData() {
        return tracker != null && (state == SctpState.ESTABLISHED || state == SctpState.SHUTDOWN_PENDING
                || state == SctpState.SHUTDOWN_SENT);
    }

    /** @return true if this chunk calls for an immediate SACK */
    private boolean onData(DataChunk d) {
        if (!d.payload().hasRemaining()) {
            throw new SctpProtocolViolationException(SctpProtocolViolationException.NO_USER_DATA,
                    "DATA chunk with no user data (TSN " + Integer.toUnsignedString(d.tsn()) + ")");
        }
        int tsn = d.tsn();
        if (tracker.isReceived(tsn)) {
            tracker.observe(tsn); // records the duplicate for the next SACK
            return true;
        }
        if (!tracker.inWindow(tsn)) {
            packetsDropped++;
            return true;
        }
        boolean next = tsn == tracker.cumulativeTsn() + 1;
        if (!reassembly.canAccept(d.payload().remaining(), next)) {
            packetsDropped++; // no room: not acknowledged, the peer will retransmit
            return true;
        }
        tracker.observe(tsn);
        if (d.streamId() >= inboundStreams) {
            if (reportedInThisPacket) {
                return true;
            }
            reportedInThisPacket = true;
            control.add(new ErrorChunk(List.of(new ErrorCause(ErrorCause.INVALID_STREAM_IDENTIFIER,
                    new byte[] {(byte) (d.streamId() >> 8), (byte) d.streamId(), 0, 0}))));
            return true;
        }
        reassembly.add(d);
        return (d.flags() & DataChunk.FLAG_IMMEDIATE) != 0 || !next;
    }

    private void onForwardTsn(ForwardTsnChunk f) {
        if (tracker.forwardTo(f.newCumulativeTsn())) {
            reassembly.forwardTsn(f.newCumulativeTsn(), f.streams(), f.ssns());
        } else {
            reassembly.forwardTsn(tracker.cumulativeTsn(), f.streams(), f.ssns());
        }
    }

    private void onSack(SackChunk s) {
        if (cc == null || state.ordinal() < SctpState.ESTABLISHED.ordinal()) {
            return;
        }
        long now = scheduler.nanoTime();
        RetransmissionQueue.SackResult r = rtx.onSack(s, now);
        if (r.stale) {
            return;
        }
        if (r.cumulativeAdvanced) {
            errorCount = 0;
            cc.onCumulativeAckAdvanced(r.bytesAcked, r.flightBeforeBytes, s.cumulativeTsnAck());
            if (r.rttNanos >= 0) {
                rto.onRttSample(r.rttNanos);
            }
            if (rtx.isEmpty()) {
                t3Rtx.stop();
            } else {
                t3Rtx.start(rto.rtoNanos());
            }
        }
        if (r.fastRetransmits > 0) {
            fastRetransmits += r.fastRetransmits;
            cc.onFastRetransmit(rtx.highestOutstandingTsn());
            retransmitBeyondCwnd = true;
        }
        if (r.ackPointAdvanced || (rtx.hasRetransmits() && rtx.abandonPerPolicy(now))) {
            forwardTsnDue = true;
        }
        // RFC 3758 §3.5 C3: a SACK that does not reach the Advanced.Peer.Ack.Point means the peer may
        // have lost our FORWARD TSN; repeat it, but at most once per smoothed RTT to avoid a storm.
        if (rtx.forwardTsnNeeded() && now - lastForwardTsnNanos > Math.max(rto.srttNanos(), 10 * MS)) {
            forwardTsnDue = true;
        }
        if (resets != null) {
            resets.maybeSendRequest();
        }
        maybeProgressShutdown();
    }

    private void onHeartbeat(HeartbeatChunk hb) {
        if (!hb.ack()) {
            if (peerTag != 0 && hb.info().length <= 1024) {
                control.add(new HeartbeatChunk(true, hb.info()));
            }
            return;
        }
        byte[] info = hb.info();
        if (info.length != 16) {
            return;
        }
        ByteBuffer b = ByteBuffer.wrap(info);
        long sent = b.getLong();
        long nonce = b.getLong();
        if (heartbeatOutstanding && nonce == heartbeatNonce) {
            heartbeatOutstanding = false;
            errorCount = 0;
            rto.onRttSample(scheduler.nanoTime() - sent);
        }
    }

    private void onAbort(AbortChunk a) {
        if (state == SctpState.CLOSED) {
            return;
        }
        String why = describe(a.causes());
        terminate(SctpState.ABORTED);
        listener.onAborted(new SctpException("aborted by peer: " + why), true);
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

    // ------------------------------------------------------------------ handshake (RFC 9260 §5)

    private void sendInit() {
        sendSingle(0, new InitChunk(false, localTag, advertisedRwnd(), config.streams(), config.streams(),
                localInitialTsn, true, true, null));
    }

    private void onInit(InitChunk init) {
        if (init.initiateTag() == 0 || init.outboundStreams() == 0 || init.inboundStreams() == 0) {
            packetsDropped++; // §3.3.2: invalid mandatory fields; we have no TCB to abort
            return;
        }
        if (state.ordinal() >= SctpState.ESTABLISHED.ordinal()) {
            packetsDropped++; // restart is not supported (see class Javadoc)
            return;
        }
        // §5.2.1: in COOKIE_WAIT/COOKIE_ECHOED answer with our original tag and TSN; in CLOSED too,
        // since this object is one association.
        int out = Math.min(config.streams(), init.inboundStreams());
        int in = Math.min(config.streams(), init.outboundStreams());
        byte[] cookie = cookies.create(new StateCookie.Contents(localTag, init.initiateTag(), localInitialTsn,
                init.initialTsn(), init.aRwnd(), out, in, init.forwardTsnSupported(), init.reconfigSupported(),
                nowMs()));
        sendSingle(init.initiateTag(), new InitChunk(true, localTag, advertisedRwnd(), config.streams(),
                config.streams(), localInitialTsn, true, true, cookie));
    }

    private void onInitAck(InitChunk ack) {
        if (state != SctpState.COOKIE_WAIT) {
            return; // §5.2.3: duplicate or late INIT ACK
        }
        if (ack.initiateTag() == 0 || ack.outboundStreams() == 0 || ack.inboundStreams() == 0) {
            throw new SctpProtocolViolationException("INIT ACK with invalid mandatory fields");
        }
        peerInitAck = ack;
        peerTag = ack.initiateTag();
        cookieToEcho = ack.cookie();
        state = SctpState.COOKIE_ECHOED;
        initRetransmits = 0;
        control.add(new CookieEchoChunk(cookieToEcho));
        t1Init.start(config.rtoInitialMs() * MS);
    }

    private void onCookieEcho(CookieEchoChunk echo) {
        StateCookie.Contents c = cookies.verify(echo.cookie());
        if (c == null || c.localTag() != localTag) {
            packetsDropped++;
            return;
        }
        if (nowMs() - c.createdAtMs() > config.cookieLifetimeMs()) {
            ByteBuffer staleness = ByteBuffer.allocate(4).putInt((int) Math.min(Integer.MAX_VALUE,
                    (nowMs() - c.createdAtMs() - config.cookieLifetimeMs()) * 1000));
            sendSingle(c.peerTag(), new ErrorChunk(List.of(new ErrorCause(ErrorCause.STALE_COOKIE, staleness.array()))));
            return;
        }
        switch (state) {
            case CLOSED, COOKIE_WAIT, COOKIE_ECHOED -> {
                // §5.2.4 case B / normal: the cookie carries the peer's parameters.
                establish(c.peerTag(), c.peerInitialTsn(), c.peerRwnd(), c.outboundStreams(), c.inboundStreams());
                control.add(new CookieAckChunk());
            }
            default -> {
                if (c.peerTag() == peerTag) {
                    control.add(new CookieAckChunk()); // §5.2.4 case D: our COOKIE ACK was lost
                } else {
                    packetsDropped++; // restart: unsupported
                }
            }
        }
    }

    private void onCookieAck() {
        if (state != SctpState.COOKIE_ECHOED) {
            return;
        }
        InitChunk a = peerInitAck;
        establish(a.initiateTag(), a.initialTsn(), a.aRwnd(), Math.min(config.streams(), a.inboundStreams()),
                Math.min(config.streams(), a.outboundStreams()));
    }

    private void establish(int peerTag, int peerInitialTsn, long peerRwnd, int out, int in) {
        this.peerTag = peerTag;
        this.outboundStreams = out;
        this.inboundStreams = in;
        this.tracker = new ReceivedTsnTracker(peerInitialTsn);
        this.cc = new CongestionControl(config.mtuBytes(), config.initialCwndMtus(), peerRwnd);
        rtx.setPeerAdvertisedRwndBytes(peerRwnd);
        this.resets = new StreamResetHandler(new ResetHost(), localInitialTsn, peerInitialTsn);
        state = SctpState.ESTABLISHED;
        t1Init.stop();
        errorCount = 0;
        cookieToEcho = null;
        peerInitAck = null;
        if (config.heartbeatIntervalMs() > 0) {
            heartbeat.start(config.heartbeatIntervalMs() * MS);
        }
        log.debug("association up: {} out / {} in streams", out, in);
        listener.onAssociationUp();
    }

    private void onT1() {
        if (state != SctpState.COOKIE_WAIT && state != SctpState.COOKIE_ECHOED) {
            return;
        }
        if (++initRetransmits > config.maxInitRetransmits()) {
            fail(new SctpException("no answer to " + (state == SctpState.COOKIE_WAIT ? "INIT" : "COOKIE ECHO")
                    + " after " + config.maxInitRetransmits() + " retransmissions"));
            return;
        }
        if (state == SctpState.COOKIE_WAIT) {
            sendInit();
        } else {
            control.add(new CookieEchoChunk(cookieToEcho));
            flushIfIdle();
        }
        long backoff = Math.min(config.rtoMaxMs() * MS, (config.rtoInitialMs() * MS) << Math.min(initRetransmits, 16));
        t1Init.start(backoff);
    }

    // ------------------------------------------------------------------ shutdown (RFC 9260 §9.2)

    private void onShutdown(ShutdownChunk s) {
        if (cc == null) {
            return;
        }
        onSack(new SackChunk(s.cumulativeTsnAck(), rtx.peerAdvertisedRwndBytes(), new int[0], new int[0], new int[0]));
        switch (state) {
            case ESTABLISHED, SHUTDOWN_PENDING -> {
                state = SctpState.SHUTDOWN_RECEIVED;
                maybeProgressShutdown();
            }
            case SHUTDOWN_SENT -> {
                // Both sides shut down at once (§9.2): acknowledge theirs.
                state = SctpState.SHUTDOWN_ACK_SENT;
                control.add(new ShutdownAckChunk());
                t2Shutdown.start(rto.rtoNanos());
            }
            default -> {
            }
        }
    }

    private void onShutdownAck() {
        if (state == SctpState.SHUTDOWN_SENT || state == SctpState.SHUTDOWN_ACK_SENT) {
            sendSingle(peerTag, new ShutdownCompleteChunk(false));
            closeGracefully();
        }
    }

    private void onShutdownComplete() {
        if (state == SctpState.SHUTDOWN_ACK_SENT) {
            closeGracefully();
        }
    }

    private void maybeProgressShutdown() {
        if (!sendQueue.isEmpty() || !rtx.isEmpty()) {
            return;
        }
        if (state == SctpState.SHUTDOWN_PENDING) {
            state = SctpState.SHUTDOWN_SENT;
            control.add(new ShutdownChunk(tracker.cumulativeTsn()));
            t2Shutdown.start(rto.rtoNanos());
        } else if (state == SctpState.SHUTDOWN_RECEIVED) {
            state = SctpState.SHUTDOWN_ACK_SENT;
            control.add(new ShutdownAckChunk());
            t2Shutdown.start(rto.rtoNanos());
        }
    }

    private void onT2() {
        if (state != SctpState.SHUTDOWN_SENT && state != SctpState.SHUTDOWN_ACK_SENT) {
            return;
        }
        if (tooManyErrors()) {
            return;
        }
        rto.backOff();
        control.add(state == SctpState.SHUTDOWN_SENT ? new ShutdownChunk(tracker.cumulativeTsn())
                : new ShutdownAckChunk());
        t2Shutdown.start(rto.rtoNanos());
        flushIfIdle();
    }

    private void closeGracefully() {
        terminate(SctpState.SHUT_DOWN);
        listener.onClosed();
    }

    private void fail(SctpException reason) {
        if (state.isTerminal()) {
            return;
        }
        log.debug("association failed: {}", reason.getMessage());
        if (peerTag != 0) {
            int code = reason instanceof SctpProtocolViolationException v ? v.causeCode()
                    : ErrorCause.USER_INITIATED_ABORT;
            sendSingle(peerTag, new AbortChunk(false, List.of(ErrorCause.text(code, reason.getMessage()))));
        }
        terminate(SctpState.ABORTED);
        listener.onAborted(reason, false);
    }

    private void terminate(SctpState terminal) {
        state = terminal;
        t1Init.stop();
        t2Shutdown.stop();
        t3Rtx.stop();
        delayedAck.stop();
        heartbeat.stop();
        reconfigTimer.stop();
        control.clear();
        sendQueue.clear();
        rtx.clear();
    }

    private boolean tooManyErrors() {
        errorCount++;
        if (config.maxRetransmissions() > 0 && errorCount > config.maxRetransmissions()) {
            fail(new SctpException("peer unreachable: " + errorCount + " consecutive timeouts"));
            return true;
        }
        return false;
    }

    // ------------------------------------------------------------------ timers

    private void onT3() {
        if (state.isTerminal() || rtx.isEmpty()) {
            return;
        }
        t3Expirations++;
        if (tooManyErrors()) {
            return;
        }
        rto.backOff();
        cc.onRetransmissionTimeout();
        rtx.onRetransmissionTimeout();
        if (rtx.abandonPerPolicy(scheduler.nanoTime()) || rtx.forwardTsnNeeded()) {
            forwardTsnDue = true;
        }
        retransmitBeyondCwnd = true;
        t3Rtx.start(rto.rtoNanos());
        flushIfIdle();
    }

    private void onDelayedAck() {
        if (tracker == null || state.isTerminal()) {
            return;
        }
        sackDue = true;
        flushIfIdle();
    }

    private void onHeartbeatTimer() {
        if (state.isTerminal() || tracker == null) {
            return;
        }
        if (heartbeatOutstanding && tooManyErrors()) {
            return;
        }
        heartbeatNonce = config.random().nextLong();
        heartbeatOutstanding = true;
        ByteBuffer info = ByteBuffer.allocate(16).putLong(scheduler.nanoTime()).putLong(heartbeatNonce);
        control.add(new HeartbeatChunk(false, info.array()));
        heartbeat.start(config.heartbeatIntervalMs() * MS + rto.rtoNanos());
        flushIfIdle();
    }

    private void onReconfigTimer() {
        if (state.isTerminal() || resets == null || !resets.requestInFlight()) {
            return;
        }
        if (resets.awaitingResponse() && tooManyErrors()) {
            return; // a lost request or response counts like any other timeout
        }
        resets.onTimer();
        flushIfIdle();
    }

    // ------------------------------------------------------------------ transmit path

    private void flushIfIdle() {
        if (depth == 0 && !state.isTerminal()) {
            depth++;
            try {
                transmit();
            } finally {
                depth--;
            }
        }
    }

    private boolean sendsData() {
        return state == SctpState.ESTABLISHED || state == SctpState.SHUTDOWN_PENDING
                || state == SctpState.SHUTDOWN_RECEIVED;
    }

    private void transmit() {
        if (peerTag == 0) {
            return;
        }
        long now = scheduler.nanoTime();
        int mtu = config.mtuBytes();
        boolean dataAllowed = sendsData() && cc != null;
        if (dataAllowed && rtx.hasRetransmits() && rtx.abandonPerPolicy(now)) {
            forwardTsnDue = true;
        }
        while (true) {
            writer.begin(peerTag);
            if (sackDue && tracker != null) {
                writer.add(buildSack());
            }
            addForwardTsnIfDue(now, mtu);
            while (!control.isEmpty()) {
                Chunk c = control.peek();
                if (writer.fits(c, mtu)) {
                    writer.add(control.poll());
                } else if (writer.isEmpty()) {
                    control.poll(); // can never fit: drop rather than loop
                    log.debug("dropping oversized control chunk type {}", c.type());
                } else {
                    break;
                }
            }
            boolean sentData = false;
            if (dataAllowed && control.isEmpty()) {
                sentData = addRetransmissions(now, mtu) | addNewData(now, mtu);
                addForwardTsnIfDue(now, mtu); // a placeholder may have just abandoned a message
            }
            if (writer.isEmpty()) {
                break;
            }
            ByteBuffer packet = writer.finish();
            packetsSent++;
            if (sentData) {
                lastDataSentNanos = now;
                t3Rtx.startIfStopped(rto.rtoNanos());
            }
            sink.sendPacket(packet);
            if (state.isTerminal()) {
                return;
            }
        }
        if (resets != null && sendsData()) {
            // A stream may have drained just now: its reset request can go out at once.
            resets.maybeSendRequest();
            transmitControlOnly();
        }
    }

    private void addForwardTsnIfDue(long now, int mtu) {
        if (forwardTsnDue && rtx.forwardTsnNeeded()) {
            ForwardTsnChunk f = rtx.buildForwardTsn();
            if (writer.fits(f, mtu)) {
                writer.add(f);
                forwardTsnsSent++;
                forwardTsnDue = false;
                lastForwardTsnNanos = now;
                t3Rtx.startIfStopped(rto.rtoNanos());
            }
        }
    }

    /** Sends queued control chunks that were added after the main loop (a reset request). */
    private void transmitControlOnly() {
        while (!control.isEmpty()) {
            writer.begin(peerTag);
            while (!control.isEmpty() && (writer.isEmpty() || writer.fits(control.peek(), config.mtuBytes()))) {
                writer.add(control.poll());
            }
            packetsSent++;
            sink.sendPacket(writer.finish());
        }
    }

    private SackChunk buildSack() {
        sackDue = false;
        packetsSinceSack = 0;
        delayedAck.stop();
        return tracker.buildSack(advertisedRwnd());
    }

    private long advertisedRwnd() {
        return Math.max(0, config.receiveBufferBytes() - reassembly.bufferedBytes());
    }

    private boolean addRetransmissions(long now, int mtu) {
        boolean added = false;
        OutboundChunk c;
        while ((c = rtx.peekRetransmit()) != null) {
            if (!retransmitBeyondCwnd && rtx.flightBytes() >= cc.cwndBytes()) {
                break;
            }
            if (!writer.fits(c.chunkForWire(), mtu)) {
                break;
            }
            rtx.retransmitted(c, now);
            writer.add(c.chunkForWire());
            dataChunksRetransmitted++;
            added = true;
        }
        if (added) {
            retransmitBeyondCwnd = false; // one packet beyond cwnd per loss event (§7.2.4)
        }
        return added;
    }

    private boolean addNewData(long now, int mtu) {
        boolean added = false;
        if (rtx.isEmpty() && lastDataSentNanos != 0 && now - lastDataSentNanos > rto.rtoNanos()) {
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
            OutboundChunk c = sendQueue.next(max, rtx.nextTsn(), now);
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
            dataChunksSent++;
            added = true;
        }
        return added;
    }

    private void sendSingle(int vtag, Chunk chunk) {
        writer.begin(vtag);
        writer.add(chunk);
        packetsSent++;
        sink.sendPacket(writer.finish());
    }

    private long nowMs() {
        return scheduler.nanoTime() / MS;
    }

    /** Bridges the stream reset handler to this association's components. */
    private final class ResetHost implements StreamResetHandler.Host {
        @Override
        public boolean outgoingDrained(int streamId) {
            return sendQueue.isStreamDrained(streamId);
        }

        @Override
        public int lastAssignedTsn() {
            return rtx.lastAssignedTsn();
        }

        @Override
        public int receivedCumulativeTsn() {
            return tracker.cumulativeTsn();
        }

        @Override
        public void resetIncoming(int[] streamIds) {
            if (streamIds.length == 0) {
                reassembly.resetAllStreams();
            }
            for (int id : streamIds) {
                reassembly.resetStream(id);
            }
        }

        @Override
        public void resetOutgoing(int streamId) {
            sendQueue.resetOutgoing(streamId);
        }

        @Override
        public void sendReconfig(ReconfigChunk chunk) {
            control.add(chunk);
        }

        @Override
        public void streamResetComplete(int streamId) {
            listener.onStreamReset(streamId);
        }

        @Override
        public void startReconfigTimer() {
            reconfigTimer.start(rto.rtoNanos());
        }

        @Override
        public void stopReconfigTimer() {
            reconfigTimer.stop();
            errorCount = 0;
        }
    }
}
