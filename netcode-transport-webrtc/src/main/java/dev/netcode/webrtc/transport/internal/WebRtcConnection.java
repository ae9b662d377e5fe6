package dev.netcode.webrtc.transport.internal;

import dev.netcode.core.Channel;
import dev.netcode.core.transport.BackpressureException;
import dev.netcode.core.transport.MessageTooLargeException;
import dev.netcode.core.transport.TransportClosedException;
import dev.netcode.core.transport.TransportException;
import dev.netcode.core.transport.TransportHandler;
import dev.netcode.webrtc.IceCandidateInit;
import dev.netcode.webrtc.PeerConnection;
import dev.netcode.webrtc.PeerConnectionListener;
import dev.netcode.webrtc.PeerConnectionState;
import dev.netcode.webrtc.SessionDescriptionInit;
import dev.netcode.webrtc.datachannel.BorrowingDataChannelListener;
import dev.netcode.webrtc.datachannel.DataChannel;
import dev.netcode.webrtc.datachannel.DataChannelException;
import dev.netcode.webrtc.datachannel.DataChannelParameters;
import dev.netcode.webrtc.datachannel.DataChannelState;
import dev.netcode.webrtc.dtls.DtlsState;
import dev.netcode.webrtc.sdp.SdpException;
import dev.netcode.webrtc.sdp.SdpParser;
import dev.netcode.webrtc.transport.WebRtcTransportConfig;
import dev.netcode.webrtc.transport.WebRtcTransportConnection;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One transport connection: a {@link PeerConnection} with two pre-negotiated data channels, the
 * signaling of its handshake, the send-buffer accounting behind backpressure, and the close
 * protocol.
 *
 * <h2>Channels</h2>
 * Stream 0 ({@value #RELIABLE_LABEL}) is reliable and ordered: {@link Channel#RELIABLE_ORDERED}.
 * Stream 1 ({@value #UNRELIABLE_LABEL}) is unordered with {@code maxRetransmits=0}: both
 * unreliable {@link Channel}s (core sequences {@code UNRELIABLE_SEQUENCED} itself, so an ordered
 * channel would only add head-of-line blocking). Both are {@code negotiated=true} with fixed ids:
 * each side creates them as soon as both descriptions are applied, so they open with the SCTP
 * association and no DCEP OPEN/ACK round trip delays the first message (RFC 8832 §6 is skipped
 * entirely; a connection is usable one round trip earlier, and no in-band channel announcement
 * from the peer is ever accepted).
 *
 * <h2>Life cycle (all on the peer connection's event loop)</h2>
 * <pre>
 *   HANDSHAKE --channels open, peer's ready marker read--> OPEN --close()--> CLOSING --peer closed its connection--> CLOSED
 *       |                              |  `--close marker or reset from peer----------------------^
 *       |                              |                   `--closeTimeoutMs--------------------^
 *       `--timeout, ICE/DTLS failure, bye, reset by peer, failure: CLOSED (onClosed exactly once)
 * </pre>
 * An orderly close sends a close marker (a string message, while application data is always
 * binary) on the reliable ordered channel after the data queued before it; the peer reads it only
 * after every earlier message, reports {@code onClosed(null)} and closes its peer connection, whose
 * DTLS close_notify ends ours. A stream reset of the reliable channel by the peer (what a browser's
 * {@code channel.close()} does) is also read as an orderly close. Earlier drafts used the stream
 * reset for our own close, but a reset racing data still queued by congestion control lost that
 * data about once in ten closes, so the marker makes the order independent of SCTP reset
 * handling.
 *
 * <h2>Send-buffer accounting</h2>
 * {@link #send} runs on the caller's thread, copies the message and posts it to the event loop
 * (data channels are loop-confined). {@link #bufferedBytes()} is the bytes posted but not yet given
 * to a channel plus the channels' {@code bufferedAmount} as last observed on the loop. The observed
 * value is only ever stale-high, and is refreshed after every send and on
 * {@code bufferedamountlow}, whose threshold is kept at the low watermark while above it and at 0
 * below it, so the figure reaches 0 when the queue drains.
 */
public final class WebRtcConnection implements WebRtcTransportConnection {
    private static final Logger LOG = LoggerFactory.getLogger(WebRtcConnection.class);

    public static final String RELIABLE_LABEL = "netcode-reliable";
    public static final String UNRELIABLE_LABEL = "netcode-unreliable";
    public static final int RELIABLE_STREAM_ID = 0;
    public static final int UNRELIABLE_STREAM_ID = 1;
    /**
     * Sent as a string message (PPID 51) on the reliable channel by {@link #close()}; application
     * messages are always binary (PPID 53), so the two cannot be confused.
     */
    static final String CLOSE_MARKER = "netcode:close";
    /**
     * Sent the same way by each side once its channels are open: a connection opens only when the
     * peer's marker arrived, i.e. when data has provably crossed the association in both
     * directions. Without it a message sent the instant a side opened was occasionally lost
     * during association setup (see the Pitfalls of {@code WebRtcTransport}).
     */
    static final String READY_MARKER = "netcode:ready";
    /** How often the send-buffer figure is re-read while it is not zero. */
    static final long BUFFER_POLL_MS = 20;

    static final DataChannelParameters RELIABLE = DataChannelParameters.builder()
            .negotiated(true).id(RELIABLE_STREAM_ID).ordered(true).build();
    static final DataChannelParameters UNRELIABLE = DataChannelParameters.builder()
            .negotiated(true).id(UNRELIABLE_STREAM_ID).ordered(false).maxRetransmits(0).build();

    /** What the transport provides to a connection. */
    public interface Owner {
        /**
         * Sends a signal to the peer. The future fails when the carrier refused it (peer offline);
         * a lost signal is otherwise the handshake timeout's job.
         */
        CompletableFuture<Void> signal(String toPeerId, Signal signal);

        /** Server side: both channels are open; return the handler, or null to refuse. */
        TransportHandler accept(WebRtcConnection connection);

        /** The connection reached CLOSED (or never opened); forget it. Called once, on the loop. */
        void terminated(WebRtcConnection connection);
    }

    private enum State { HANDSHAKE, OPEN, CLOSING, CLOSED }

    private final WebRtcTransportConfig config;
    private final Owner owner;
    private final PeerConnection pc;
    private final EventLoop loop;
    private final String remotePeerId;
    private final String connectionId;
    private final boolean offerer;
    private final CompletableFuture<WebRtcConnection> opened = new CompletableFuture<>();

    // ---- loop state ----
    private TransportHandler handler;
    private DataChannel reliable;
    private DataChannel unreliable;
    private boolean signalsReady;
    private final List<Signal> earlySignals = new ArrayList<>();
    private ScheduledFuture<?> handshakeTimer;
    private ScheduledFuture<?> closeTimer;
    private DataChannelException channelError;
    private long reliableThreshold = -1;
    private long unreliableThreshold = -1;
    private boolean refreshScheduled;
    private boolean readySent;
    private boolean peerReady;

    // ---- readable from any thread ----
    private volatile State state = State.HANDSHAKE;
    private volatile boolean closeRequested;
    private volatile boolean writable = true;
    private volatile int maxMessageSizeBytes;
    private volatile long channelBufferedBytes;
    private volatile String remoteAddress;
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicLong droppedMessages = new AtomicLong();

    /**
     * @param handler the client's handler, or null on the accepting side (asked from the owner once open)
     */
    public WebRtcConnection(WebRtcTransportConfig config, Owner owner, PeerConnection pc, String remotePeerId,
            String connectionId, boolean offerer, TransportHandler handler) {
        this.config = config;
        this.owner = owner;
        this.pc = pc;
        this.loop = pc.eventLoop();
        this.remotePeerId = remotePeerId;
        this.connectionId = connectionId;
        this.offerer = offerer;
        this.handler = handler;
        this.maxMessageSizeBytes = config.maxMessageSizeBytes();
        this.remoteAddress = "webrtc:" + remotePeerId + "/" + connectionId;
        pc.addListener(new Events());
    }

    /** Completes with this connection once both channels are open; fails with a TransportException. */
    public CompletableFuture<WebRtcConnection> opened() {
        return opened;
    }

    // ------------------------------------------------------------------ handshake

    /** Offerer: create and send the offer, arm the handshake timer. */
    public void startOffer() {
        loop.execute(() -> {
            armHandshakeTimer();
            pc.createOffer()
                    .thenCompose(offer -> pc.setLocalDescription(offer).thenApply(v -> offer))
                    .whenComplete((offer, error) -> onLoop(() -> {
                        if (error != null) {
                            fail(new TransportException("cannot create the offer: " + rootMessage(error), error));
                            return;
                        }
                        sendSignalsInOrder(Signal.offer(connectionId, offer.sdp()));
                    }));
        });
    }

    /** Answerer: apply the offer, answer, arm the handshake timer. Call in signal order (before candidates). */
    public void startAnswer(String offerSdp) {
        pc.setRemoteDescription(SessionDescriptionInit.offer(offerSdp))
                .thenCompose(v -> pc.createAnswer())
                .thenCompose(answer -> pc.setLocalDescription(answer).thenApply(v -> answer))
                .whenComplete((answer, error) -> onLoop(() -> {
                    if (error != null) {
                        fail(new TransportException("cannot answer the offer: " + rootMessage(error), error));
                        return;
                    }
                    learnRemoteLimits(offerSdp);
                    createChannels();
                    sendSignalsInOrder(Signal.answer(connectionId, answer.sdp()));
                }));
        loop.execute(this::armHandshakeTimer);
    }

    /** Offerer: the peer's answer. */
    public void onAnswer(String answerSdp) {
        pc.setRemoteDescription(SessionDescriptionInit.answer(answerSdp))
                .whenComplete((v, error) -> onLoop(() -> {
                    if (error != null) {
                        fail(new TransportException("unusable answer: " + rootMessage(error), error));
                        return;
                    }
                    learnRemoteLimits(answerSdp);
                    createChannels();
                }));
    }

    /**
     * ICE restart (offerer side): the peer connection asked for negotiation after consent was lost
     * (or restartIce()): send the new offer; its answer arrives through {@link #onAnswer}.
     */
    private void sendRestartOffer() {
        if (!offerer || state == State.CLOSED || closeRequested) {
            return;
        }
        pc.createOffer()
                .thenCompose(offer -> pc.setLocalDescription(offer).thenApply(v -> offer))
                .whenComplete((offer, error) -> onLoop(() -> {
                    if (error != null) {
                        LOG.debug("{}: cannot create the ICE restart offer: {}", this, rootMessage(error));
                    } else if (state != State.CLOSED) {
                        owner.signal(remotePeerId, Signal.offer(connectionId, offer.sdp()));
                    }
                }));
    }

    /** ICE restart (answerer side): the peer's later offer on this connection; answer it. */
    public void onRestartOffer(String offerSdp) {
        pc.setRemoteDescription(SessionDescriptionInit.offer(offerSdp))
                .thenCompose(v -> pc.createAnswer())
                .thenCompose(answer -> pc.setLocalDescription(answer).thenApply(v -> answer))
                .whenComplete((answer, error) -> onLoop(() -> {
                    if (error != null) {
                        LOG.debug("{}: cannot answer the ICE restart offer: {}", this, rootMessage(error));
                    } else if (state != State.CLOSED) {
                        owner.signal(remotePeerId, Signal.answer(connectionId, answer.sdp()));
                    }
                }));
    }

    /** A trickled remote candidate (an empty one ends them). */
    public void onRemoteCandidate(String candidate, String mid) {
        IceCandidateInit init = candidate.isEmpty() ? IceCandidateInit.endOfCandidates(mid) : IceCandidateInit.of(candidate, mid);
        pc.addIceCandidate(init).exceptionally(e -> {
            LOG.debug("{}: ignoring remote candidate: {}", this, rootMessage(e));
            return null;
        });
    }

    /** The peer said bye (it gave up or refused). */
    public void onBye(String reason) {
        onLoop(() -> {
            if (state == State.HANDSHAKE) {
                fail(new TransportException("peer " + remotePeerId + " ended the handshake: " + reason));
            } else if (state != State.CLOSED) {
                // The data channels carry the orderly close; a bye after the open means it left abruptly.
                terminate(null);
            }
        });
    }

    private void onLocalCandidate(IceCandidateInit candidate) {
        onLoop(() -> {
            if (state == State.CLOSED) {
                return;
            }
            String value = candidate.isEndOfCandidates() ? "" : candidate.candidate();
            String mid = candidate.sdpMid() == null ? "0" : candidate.sdpMid();
            Signal s = Signal.candidate(connectionId, value, mid);
            if (signalsReady) {
                owner.signal(remotePeerId, s);
            } else {
                earlySignals.add(s); // gathered before our description went out: keep the order
            }
        });
    }

    private void sendSignalsInOrder(Signal description) {
        if (state == State.CLOSED) {
            return;
        }
        owner.signal(remotePeerId, description).whenComplete((v, error) -> {
            if (error != null) {
                // Without the description nothing can follow: fail now instead of at the timeout.
                onLoop(() -> fail(new TransportException("signaling to " + remotePeerId + " failed: "
                        + rootMessage(error), error)));
            }
        });
        signalsReady = true;
        for (Signal s : earlySignals) {
            owner.signal(remotePeerId, s);
        }
        earlySignals.clear();
    }

    private void armHandshakeTimer() {
        if (handshakeTimer == null && state == State.HANDSHAKE) {
            handshakeTimer = loop.schedule(() -> {
                if (state == State.HANDSHAKE) {
                    owner.signal(remotePeerId, Signal.bye(connectionId, "handshake timeout"));
                    fail(new TransportException("WebRTC handshake with " + remotePeerId + " timed out after "
                            + config.handshakeTimeoutMs() + " ms (ICE " + pc.iceConnectionState() + ", DTLS "
                            + pc.dtlsState() + ")"));
                }
            }, config.handshakeTimeoutMs(), TimeUnit.MILLISECONDS);
        }
    }

    private void learnRemoteLimits(String remoteSdp) {
        try {
            long remoteMax = SdpParser.DEFAULT.parse(remoteSdp).dataSection().maxMessageSizeBytes();
            if (remoteMax > 0 && remoteMax < maxMessageSizeBytes) {
                maxMessageSizeBytes = (int) remoteMax;
            }
        } catch (SdpException e) {
            // The peer connection accepted it, so this cannot happen; keep our own limit.
            LOG.debug("{}: cannot read a=max-message-size: {}", this, e.getMessage());
        }
    }

    private void createChannels() {
        if (state == State.CLOSED || reliable != null) {
            return;
        }
        try {
            reliable = pc.createDataChannel(RELIABLE_LABEL, RELIABLE);
            unreliable = pc.createDataChannel(UNRELIABLE_LABEL, UNRELIABLE);
        } catch (RuntimeException e) {
            fail(new TransportException("cannot create the data channels: " + e.getMessage(), e));
            return;
        }
        reliable.setListener(new ChannelEvents(true));
        unreliable.setListener(new ChannelEvents(false));
    }

    private void maybeOpen() {
        // Both open together (negotiated, one association), but each in its own event: wait for
        // both before announcing, or sends right after the connection opens could find the
        // unreliable channel still CONNECTING and all be dropped (seen in CI: a burst of 600).
        // The peer opens only after reading our marker, so its first reliable message never
        // reaches us before we can open; its unreliable ones may (a drop, as allowed).
        if (state != State.HANDSHAKE || reliable == null
                || reliable.readyState() != DataChannelState.OPEN
                || unreliable.readyState() != DataChannelState.OPEN) {
            return;
        }
        if (!readySent) {
            // Announce that our side is up; the peer opens when it reads this, we when we read its.
            readySent = true;
            try {
                reliable.send(READY_MARKER);
            } catch (DataChannelException e) {
                fail(new TransportException("cannot send the ready marker: " + e.getMessage(), e));
                return;
            }
        }
        if (!peerReady) {
            return;
        }
        if (handshakeTimer != null) {
            handshakeTimer.cancel(false);
        }
        InetSocketAddress remote = pc.remoteAddress();
        remoteAddress = "webrtc:" + remotePeerId + "/" + connectionId + (remote == null ? "" : "@" + remote);
        // OPEN before the acceptor sees the connection: it may hand it to another thread that
        // sends at once. Peer messages cannot slip in before the handler is set: they arrive on
        // this loop, after this method returns.
        state = State.OPEN;
        if (!offerer) {
            TransportHandler h;
            try {
                h = owner.accept(this);
            } catch (RuntimeException e) {
                LOG.warn("{}: acceptor threw; closing", this, e);
                h = null;
            }
            if (h == null) {
                close();
                return;
            }
            handler = h;
        }
        // No "if (closeRequested) startClose()" here: every close() posts its own startClose to
        // the loop after the sends it follows. Completing the future wakes the application, which
        // may send and close before this returns; closing inline here put the close marker ahead
        // of those queued sends, and the peer read the marker without the data.
        opened.complete(this);
    }

    // ------------------------------------------------------------------ TransportConnection

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    @Override
    public String remotePeerId() {
        return remotePeerId;
    }

    @Override
    public String connectionId() {
        return connectionId;
    }

    @Override
    public PeerConnection peerConnection() {
        return pc;
    }

    @Override
    public long droppedMessages() {
        return droppedMessages.get();
    }

    @Override
    public int maxMessageSizeBytes() {
        return maxMessageSizeBytes;
    }

    @Override
    public void send(Channel channel, ByteBuffer message) {
        int size = message.remaining();
        int max = maxMessageSizeBytes;
        if (size > max) {
            throw new MessageTooLargeException(size, max);
        }
        if (closeRequested || state != State.OPEN) {
            throw new TransportClosedException("connection to " + remotePeerId + " is " + (closeRequested ? "closed" : state));
        }
        long limit = config.maxBufferedBytes();
        long total;
        while (true) {
            long queued = queuedBytes.get();
            total = queued + channelBufferedBytes;
            if (total + size > limit) {
                writable = false;
                loop.execute(this::checkWritable); // the loop re-evaluates, so no wake-up is lost
                throw new BackpressureException(total, limit);
            }
            if (queuedBytes.compareAndSet(queued, queued + size)) {
                break;
            }
        }
        if (total + size > config.highWatermarkBytes()) {
            writable = false;
        }
        byte[] copy = new byte[size];
        message.duplicate().get(copy);
        boolean isReliable = channel.isReliable();
        loop.execute(() -> sendOnLoop(isReliable, copy));
    }

    private void sendOnLoop(boolean isReliable, byte[] data) {
        DataChannel dc = isReliable ? reliable : unreliable;
        try {
            if (state != State.CLOSED) {
                dc.send(ByteBuffer.wrap(data));
            }
        } catch (DataChannelException e) {
            // The channel is closing under us (peer reset or failure): the close path reports it.
            LOG.debug("{}: send dropped: {}", this, e.getMessage());
        } finally {
            refreshBuffered();
            queuedBytes.addAndGet(-data.length); // after the refresh: the figure is never low
            checkWritable();
        }
    }

    @Override
    public long bufferedBytes() {
        return queuedBytes.get() + channelBufferedBytes;
    }

    @Override
    public long maxBufferedBytes() {
        return config.maxBufferedBytes();
    }

    @Override
    public boolean isWritable() {
        return writable && isOpen();
    }

    @Override
    public boolean isOpen() {
        return state == State.OPEN && !closeRequested;
    }

    @Override
    public void close() {
        if (closeRequested) {
            return;
        }
        closeRequested = true;
        onLoop(this::startClose);
    }

    /** Abrupt close (transport shutdown): no waiting for the peer. */
    public void closeNow() {
        closeRequested = true;
        onLoop(() -> terminate(null));
    }

    private void startClose() {
        switch (state) {
            case HANDSHAKE -> {
                owner.signal(remotePeerId, Signal.bye(connectionId, "closed"));
                fail(new TransportClosedException("closed before the connection opened"));
            }
            case OPEN -> {
                state = State.CLOSING;
                // Reliable data posted before close() is already in the channel (same loop, FIFO):
                // the close marker follows it on the same ordered channel, so the peer has every
                // message when it reads the marker. It then closes its peer connection, which ends
                // ours; the timer covers a peer that never answers.
                try {
                    reliable.send(CLOSE_MARKER);
                } catch (DataChannelException e) {
                    terminate(null);
                    return;
                }
                closeTimer = loop.schedule(() -> terminate(null), config.closeTimeoutMs(), TimeUnit.MILLISECONDS);
            }
            default -> {
            }
        }
    }

    // ------------------------------------------------------------------ loop internals

    private void refreshBuffered() {
        if (reliable == null) {
            return;
        }
        long r = reliable.bufferedAmount();
        long u = unreliable.bufferedAmount();
        channelBufferedBytes = r + u;
        if (r + u > 0 && !refreshScheduled && state != State.CLOSED) {
            // bufferedamountlow is the prompt signal; this poll keeps the figure exact even when
            // no crossing event comes (e.g. a drain below the threshold with no send in between).
            refreshScheduled = true;
            loop.schedule(() -> {
                refreshScheduled = false;
                if (state != State.CLOSED) {
                    refreshBuffered();
                    checkWritable();
                }
            }, BUFFER_POLL_MS, TimeUnit.MILLISECONDS);
        }
        long low = config.lowWatermarkBytes();
        long rt = r > low ? low : 0;
        if (rt != reliableThreshold && reliable.readyState() != DataChannelState.CLOSED) {
            reliableThreshold = rt;
            reliable.setBufferedAmountLowThreshold(rt);
        }
        long ut = u > low ? low : 0;
        if (ut != unreliableThreshold && unreliable.readyState() != DataChannelState.CLOSED) {
            unreliableThreshold = ut;
            unreliable.setBufferedAmountLowThreshold(ut);
        }
    }

    private void checkWritable() {
        if (!writable && state == State.OPEN && bufferedBytes() <= config.lowWatermarkBytes()) {
            writable = true;
            TransportHandler h = handler;
            if (h != null && !closeRequested) {
                try {
                    h.onWritable(this);
                } catch (RuntimeException e) {
                    LOG.warn("{}: onWritable threw", this, e);
                }
            }
        }
    }

    private void fail(TransportException cause) {
        if (state == State.CLOSED) {
            return;
        }
        if (state == State.HANDSHAKE) {
            terminate(cause);
            return;
        }
        terminate(state == State.CLOSING ? null : cause);
    }

    /** Reaches CLOSED: exactly one onClosed (if a handler was ever attached), then the peer connection goes. */
    private void terminate(Throwable cause) {
        if (state == State.CLOSED) {
            return;
        }
        State was = state;
        state = State.CLOSED;
        if (cause != null) {
            LOG.info("{}: connection ended: {}", this, cause.toString());
        }
        closeRequested = true;
        if (handshakeTimer != null) {
            handshakeTimer.cancel(false);
        }
        if (closeTimer != null) {
            closeTimer.cancel(false);
        }
        channelBufferedBytes = 0;
        pc.close();
        if (was == State.HANDSHAKE) {
            opened.completeExceptionally(cause != null ? cause : new TransportClosedException("closed during the handshake"));
        } else {
            TransportHandler h = handler;
            if (h != null) {
                try {
                    h.onClosed(this, cause);
                } catch (RuntimeException e) {
                    LOG.warn("{}: onClosed threw", this, e);
                }
            }
        }
        owner.terminated(this);
    }

    private void onLoop(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while ((t instanceof java.util.concurrent.CompletionException || t instanceof java.util.concurrent.ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** True while the handshake has not finished (for the owner's pending-handshake bound). */
    public boolean isHandshaking() {
        return state == State.HANDSHAKE;
    }

    @Override
    public String toString() {
        return "WebRtcConnection[" + remoteAddress + ", " + state + "]";
    }

    private final class Events implements PeerConnectionListener {
        @Override
        public void onIceCandidate(IceCandidateInit candidate) {
            onLocalCandidate(candidate);
        }

        @Override
        public void onNegotiationNeeded() {
            onLoop(WebRtcConnection.this::sendRestartOffer);
        }

        @Override
        public void onConnectionStateChange(PeerConnectionState previous, PeerConnectionState current) {
            if (current == PeerConnectionState.FAILED && state != State.CLOSED) {
                Throwable cause = pc.failureCause();
                fail(new TransportException("WebRTC connection to " + remotePeerId + " failed: "
                        + (cause == null ? "ICE failed" : cause.getMessage()), cause));
            }
        }
    }

    /**
     * Borrowing: core's {@link TransportHandler#onMessage} reads (or copies) the message during the
     * call, so the data channel's read-only view goes straight through, without a second copy.
     */
    private final class ChannelEvents implements BorrowingDataChannelListener {
        private final boolean isReliable;

        ChannelEvents(boolean isReliable) {
            this.isReliable = isReliable;
        }

        @Override
        public void onOpen(DataChannel channel) {
            maybeOpen();
        }

        @Override
        public void onBorrowedBinaryMessage(DataChannel channel, ByteBuffer message) {
            if (state == State.HANDSHAKE) {
                maybeOpen(); // the message may be the first event of an open connection
            }
            TransportHandler h = handler;
            if (state == State.CLOSED || state == State.HANDSHAKE || h == null) {
                droppedMessages.incrementAndGet();
                return;
            }
            try {
                h.onMessage(WebRtcConnection.this, isReliable ? Channel.RELIABLE_ORDERED : Channel.UNRELIABLE, message);
            } catch (RuntimeException e) {
                LOG.warn("{}: onMessage threw", WebRtcConnection.this, e);
            }
        }

        @Override
        public void onStringMessage(DataChannel channel, String message) {
            if (isReliable && READY_MARKER.equals(message) && state == State.HANDSHAKE) {
                peerReady = true;
                maybeOpen();
                return;
            }
            if (isReliable && CLOSE_MARKER.equals(message) && (state == State.OPEN || state == State.CLOSING)) {
                terminate(null); // every message the peer sent before its close() is in
                return;
            }
            droppedMessages.incrementAndGet(); // application data always travels as binary
        }

        @Override
        public void onBufferedAmountLow(DataChannel channel) {
            if (isReliable) {
                reliableThreshold = -1;
            } else {
                unreliableThreshold = -1;
            }
            refreshBuffered();
            checkWritable();
        }

        @Override
        public void onError(DataChannel channel, DataChannelException error) {
            if (channelError == null) {
                channelError = error;
            }
        }

        @Override
        public void onClose(DataChannel channel) {
            if (!isReliable || state == State.CLOSED) {
                return; // the reliable channel decides; the unreliable one follows it
            }
            if (state == State.CLOSING) {
                terminate(null); // our close completed
                return;
            }
            DataChannelException error = channelError;
            // The peer closing its peer connection (close_notify) or shutting SCTP down is a
            // deliberate leave, as is a reset of the reliable stream; anything else is a failure.
            boolean peerLeft = error == null || pc.dtlsState() == DtlsState.CLOSED;
            if (state == State.HANDSHAKE) {
                fail(new TransportException("data channel closed during the handshake"
                        + (error == null ? "" : ": " + error.getMessage()), error));
            } else if (peerLeft) {
                terminate(null);
            } else {
                Throwable cause = pc.failureCause() != null ? pc.failureCause() : error;
                terminate(new TransportException("connection to " + remotePeerId + " failed: " + cause.getMessage(), cause));
            }
        }
    }
}
