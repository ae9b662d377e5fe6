package dev.netcode.webrtc.sctp;

import dev.netcode.webrtc.sctp.internal.Chunk;
import dev.netcode.webrtc.sctp.internal.CongestionControl;
import dev.netcode.webrtc.sctp.internal.LazyTimer;
import dev.netcode.webrtc.sctp.internal.ReassemblyQueue;
import dev.netcode.webrtc.sctp.internal.ReceivedTsnTracker;
import dev.netcode.webrtc.sctp.internal.RetransmissionQueue;
import dev.netcode.webrtc.sctp.internal.RtoEstimator;
import dev.netcode.webrtc.sctp.internal.SendQueue;
import dev.netcode.webrtc.sctp.internal.StreamResetHandler;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Transmission Control Block of one association (RFC 9260 §14.1): the state every concern of
 * {@link SctpAssociation} shares, and the links between those concerns. Package-private; each
 * concern ({@link Handshake}, {@link Closer}, {@link PacketAssembler}, {@link DataSender},
 * {@link DataReceiver}, {@link Heartbeats}, {@link StreamResetGlue}, {@link InboundDispatcher}) keeps
 * its own private state and reaches the others through this object.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>{@link #tracker}, {@link #cc} and {@link #resets} exist only from ESTABLISHED on: they
 *       depend on the peer's initial TSN and window.</li>
 *   <li>Every timer must be made with {@link #newTimer} so that {@link Closer#terminate} stops it.</li>
 * </ul>
 */
final class Tcb {
    static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    /** Added to the peer's delayed-ACK time in the RTO's variance floor (timer and scheduling slack). */
    static final int RTO_VARIANCE_MARGIN_MS = 50;

    final SctpConfig config;
    final SctpScheduler scheduler;
    final SctpListener listener;
    final SendQueue sendQueue;
    final ReassemblyQueue reassembly;
    final RetransmissionQueue rtx;
    final RtoEstimator rto;
    /** Control chunks waiting for the next packet (bundled ahead of DATA). */
    final ArrayDeque<Chunk> control = new ArrayDeque<>();
    private final List<LazyTimer> timers = new ArrayList<>();

    final int localTag;
    final int localInitialTsn;
    SctpState state = SctpState.CLOSED;
    int peerTag;
    int outboundStreams;
    int inboundStreams;
    long remoteMaxMessageSizeBytes;
    ReceivedTsnTracker tracker;
    StreamResetHandler resets;
    CongestionControl cc;
    /** One ERROR chunk per received packet at most: a flood of bad chunks must not amplify. */
    boolean errorReportedInPacket;
    /** Consecutive timeouts without an answer (association error counter, §8.1). */
    int errorCount;

    long packetsSent;
    long packetsReceived;
    long dataChunksSent;
    long dataChunksRetransmitted;
    long fastRetransmits;
    long t3Expirations;
    long forwardTsnsSent;
    long packetsDropped;

    // The concerns, wired once by SctpAssociation's constructor.
    PacketAssembler out;
    DataSender sender;
    DataReceiver receiver;
    Handshake handshake;
    Closer closer;
    Heartbeats heartbeats;
    StreamResetGlue resetGlue;

    Tcb(SctpConfig config, SctpScheduler scheduler, SctpListener listener) {
        this.config = config;
        this.scheduler = scheduler;
        this.listener = listener;
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
        // The variance floor covers the peer's delayed ACK (RFC maximum 200 ms, what browsers use) plus
        // scheduling margin; see RtoEstimator.
        this.rto = new RtoEstimator(config.rtoInitialMs() * MS, config.rtoMinMs() * MS, config.rtoMaxMs() * MS,
                (Math.max(config.delayedAckMs(), 200) + RTO_VARIANCE_MARGIN_MS) * MS);
        this.remoteMaxMessageSizeBytes = config.remoteMaxMessageSizeBytes();
        this.outboundStreams = config.streams();
        this.inboundStreams = config.streams();
    }

    LazyTimer newTimer(Runnable onExpiry) {
        LazyTimer t = new LazyTimer(scheduler, onExpiry);
        timers.add(t);
        return t;
    }

    void stopAllTimers() {
        for (LazyTimer t : timers) {
            t.stop();
        }
    }

    long nowNanos() {
        return scheduler.nanoTime();
    }

    long nowMs() {
        return scheduler.nanoTime() / MS;
    }

    /** Our receive window: the receive buffer minus what reassembly holds (§6.2). */
    long advertisedRwnd() {
        return Math.max(0, config.receiveBufferBytes() - reassembly.bufferedBytes());
    }

    /** States in which new and retransmitted DATA may leave. */
    boolean sendsData() {
        return state == SctpState.ESTABLISHED || state == SctpState.SHUTDOWN_PENDING
                || state == SctpState.SHUTDOWN_RECEIVED;
    }

    /** States in which arriving DATA is accepted (§9.2: not after the peer's SHUTDOWN). */
    boolean acceptsData() {
        return tracker != null && (state == SctpState.ESTABLISHED || state == SctpState.SHUTDOWN_PENDING
                || state == SctpState.SHUTDOWN_SENT);
    }

    /**
     * Counts one timeout without an answer; past {@code maxRetransmissions} the association fails.
     *
     * @return true when the association was just aborted
     */
    boolean tooManyErrors() {
        errorCount++;
        if (config.maxRetransmissions() > 0 && errorCount > config.maxRetransmissions()) {
            closer.fail(new SctpException("peer unreachable: " + errorCount + " consecutive timeouts"));
            return true;
        }
        return false;
    }
}
