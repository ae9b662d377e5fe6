package dev.netcode.webrtc.datachannel;

import dev.netcode.webrtc.sctp.SctpAssociation;
import dev.netcode.webrtc.sctp.SctpException;
import dev.netcode.webrtc.sctp.SctpInvalidStateException;
import dev.netcode.webrtc.sctp.SctpListener;
import dev.netcode.webrtc.sctp.SctpMessageTooLargeException;
import dev.netcode.webrtc.sctp.SctpScheduler;
import dev.netcode.webrtc.sctp.SctpSendBufferFullException;
import dev.netcode.webrtc.sctp.SctpSendOptions;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data channels of one SCTP association (RFC 8831, DCEP RFC 8832): it creates channels,
 * answers the peer's DATA_CHANNEL_OPEN, dispatches received messages by stream id, and closes
 * channels with SCTP stream resets. It is the association's {@link SctpListener}.
 *
 * <h2>Wiring (what a PeerConnection does)</h2>
 * <pre>{@code
 * SctpScheduler scheduler = SctpScheduler.of(eventLoop);
 * DataChannelManager channels = new DataChannelManager(scheduler, dtlsRoleIsClient,
 *         DataChannelManager.DEFAULT_MAX_CHANNELS, ch -> onDataChannel(ch));
 * SctpAssociation sctp = new SctpAssociation(sctpConfig, dtls::sendApplicationData, scheduler, channels);
 * sctp.setRemoteMaxMessageSizeBytes(remoteSdp.maxMessageSize());  // a=max-message-size
 * channels.attach(sctp);
 * sctp.connect();                                   // after the DTLS handshake; both sides do it
 * // every decrypted DTLS application record, on the event loop:  sctp.handlePacket(record);
 * DataChannel chat = channels.createDataChannel("chat", DataChannelParameters.DEFAULT);
 * }</pre>
 *
 * <h2>Lifecycle of a channel</h2>
 * <ul>
 *   <li><b>Announced (in-band)</b>: {@link #createDataChannel} takes the lowest free stream id of
 *       our DTLS parity (client even, server odd) and, once the association is up, sends
 *       DATA_CHANNEL_OPEN on it. An ordered channel opens right after its OPEN is queued (its
 *       messages follow the OPEN on the same ordered stream, RFC 8832 §6); an unordered one opens
 *       on DATA_CHANNEL_ACK, or on the first data message if that overtakes the ACK. The peer gets
 *       {@link Listener#onDataChannel} with a channel already {@code OPEN}, answers ACK, and may
 *       send at once (RFC 8832 §6).</li>
 *   <li><b>Negotiated</b> ({@code negotiated=true, id=N}, created on both sides): no DCEP; the
 *       channel opens as soon as the association is up.</li>
 *   <li><b>Closing</b>, from either side: the stream is reset in both directions (RFC 8831 §6.7,
 *       RFC 6525); when both resets completed both sides see {@code onClose} and the id is free
 *       for a new channel.</li>
 *   <li>The association shuts down: every channel closes. It aborts: every channel gets
 *       {@code onError} ({@link DataChannelException.Kind#ASSOCIATION_ABORTED}), then
 *       {@code onClose}.</li>
 * </ul>
 *
 * <h2>Hostile peers</h2>
 * A malformed DCEP message, or an OPEN on a stream that already carries a channel, fails that
 * channel ({@link DataChannelException.Kind#PROTOCOL_VIOLATION} to {@code onError}, then it is
 * closed by stream reset); the association and all other channels keep working. An OPEN on our
 * own parity, beyond {@code maxChannels}, or after the association ended is refused by resetting
 * its stream. Data on a stream without a channel, unexpected ACKs and unknown or deprecated PPIDs
 * are dropped and counted ({@link #droppedMessages()}, {@link #protocolErrors()}).
 *
 * <h2>Threading</h2>
 * Not thread-safe: every method, and every callback of the manager's {@link Listener} and of each
 * {@link DataChannelListener}, runs on the association's thread (the connection's Netty event
 * loop; the virtual clock in tests). Events caused by the network arrive inside
 * {@code handlePacket}; events caused by a call of yours ({@code open} of a negotiated channel,
 * {@code close} of a channel whose association is not up, {@code onBufferedAmountLow} after a
 * {@code send}) are posted to the scheduler and never run inside that call, so a listener set
 * right after {@code createDataChannel} sees them and a listener that sends from an event is never
 * re-entered.
 *
 * <h2>Message buffers</h2>
 * SCTP lends each message (valid during its delivery only). A {@link BorrowingDataChannelListener}
 * gets a read-only view of it, with no copy and no allocation; any other listener gets its own
 * exact-size heap copy.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Call {@link #attach} before {@code SctpAssociation.connect()}: the association reports
 *       {@code onAssociationUp} to this listener and the manager needs it to send.</li>
 *   <li>The DTLS role decides the id parity; both peers of a connection must not claim the same
 *       role, or announced channels collide (and are failed as protocol violations).</li>
 *   <li>Reserve negotiated ids before announcing in-band channels that could take them (create
 *       negotiated channels first), as W3C advises.</li>
 * </ul>
 */
public final class DataChannelManager implements SctpListener {
    private static final Logger log = LoggerFactory.getLogger(DataChannelManager.class);

    private static final ByteBuffer EMPTY_VIEW = ByteBuffer.allocate(0).asReadOnlyBuffer();

    /** Default bound on simultaneous channels (browsers allow up to 65534; games need a few). */
    public static final int DEFAULT_MAX_CHANNELS = 1024;

    /** The W3C {@code datachannel} event. */
    @FunctionalInterface
    public interface Listener {
        /**
         * The peer announced a channel; it is already {@code OPEN}. Set its listener here: its
         * {@code onOpen} fires right after this returns.
         */
        void onDataChannel(DataChannel channel);
    }

    private final SctpScheduler scheduler;
    private final int maxChannels;
    private final Listener listener;
    private final StreamIdAllocator ids;
    /** By stream id; primitive keys, so the per-message lookup never boxes an id above 127. */
    private final IntObjectMap<DataChannel> channels = new IntObjectHashMap<>();
    /** Created before the association was up, in creation order. */
    private final List<DataChannel> pending = new ArrayList<>();
    private SctpAssociation association;
    private boolean up;
    private volatile long associationUpNs;
    private boolean ended;
    private int streamLimit = 65_535;

    /** The buffer SCTP last lent and its read-only twin (see readOnlyView). */
    private ByteBuffer viewSource;
    private ByteBuffer view;

    private long protocolErrors;
    private long droppedMessages;
    private long refusedChannels;

    /**
     * @param scheduler the association's scheduler (deferred events are posted to it)
     * @param dtlsClient true when our DTLS role is client ({@code a=setup:active}): even ids
     * @param maxChannels most channels open at once, both sides' together (1..65535)
     * @param listener the {@code datachannel} event for channels the peer announces
     */
    public DataChannelManager(SctpScheduler scheduler, boolean dtlsClient, int maxChannels, Listener listener) {
        if (maxChannels < 1 || maxChannels > 65_535) {
            throw new IllegalArgumentException("maxChannels must be 1..65535, got " + maxChannels);
        }
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.maxChannels = maxChannels;
        this.listener = Objects.requireNonNull(listener, "listener");
        this.ids = StreamIdAllocator.forDtlsRole(dtlsClient, 65_535);
    }

    /** Binds the association this manager listens to; once, before it connects. */
    public void attach(SctpAssociation association) {
        if (this.association != null) {
            throw new IllegalStateException("already attached");
        }
        this.association = Objects.requireNonNull(association, "association");
    }

    // ------------------------------------------------------------------ API

    /**
     * W3C {@code createDataChannel}: a channel announced with DCEP, or a negotiated one when
     * {@code parameters.negotiated()}. It starts {@code CONNECTING}; {@code onOpen} follows.
     *
     * @throws IllegalArgumentException for a label above 65535 UTF-8 bytes
     * @throws DataChannelException {@code TOO_MANY_CHANNELS} at the channel limit or without a
     *         free id, {@code ID_UNAVAILABLE} for a negotiated id in use or beyond the association's
     *         streams, {@code INVALID_STATE} after the association ended
     */
    public DataChannel createDataChannel(String label, DataChannelParameters parameters) {
        DataChannelParameters.checkLabel(label);
        Objects.requireNonNull(parameters, "parameters");
        if (ended) {
            throw new DataChannelException(DataChannelException.Kind.INVALID_STATE, "the SCTP association has ended");
        }
        if (channels.size() >= maxChannels) {
            throw new DataChannelException(DataChannelException.Kind.TOO_MANY_CHANNELS,
                    "at most " + maxChannels + " data channels at once");
        }
        int id;
        if (parameters.negotiated()) {
            id = parameters.id();
            if (id >= streamLimit || !ids.reserve(id)) {
                throw new DataChannelException(DataChannelException.Kind.ID_UNAVAILABLE,
                        "stream id " + id + " is in use or outside 0.." + (streamLimit - 1));
            }
        } else {
            OptionalInt next = ids.allocate();
            if (next.isEmpty() || next.getAsInt() >= streamLimit) {
                next.ifPresent(ids::release);
                throw new DataChannelException(DataChannelException.Kind.TOO_MANY_CHANNELS, "no free stream id");
            }
            id = next.getAsInt();
        }
        DataChannel ch = new DataChannel(this, label, parameters, id, true, DataChannelState.CONNECTING);
        channels.put(id, ch);
        if (up) {
            start(ch);
        } else {
            pending.add(ch);
        }
        return ch;
    }

    /** The channel on {@code streamId}, or null. */
    public DataChannel channel(int streamId) {
        return channels.get(streamId);
    }

    /** Channels not yet closed (unmodifiable live view). */
    public Collection<DataChannel> channels() {
        return Collections.unmodifiableCollection(channels.values());
    }

    /** The peer's maximum message size: messages above it are refused at {@code send()}. */
    public long remoteMaxMessageSizeBytes() {
        return association == null ? 65_536 : association.remoteMaxMessageSizeBytes();
    }

    /** {@link System#nanoTime()} when the association came up, or 0 (for setup diagnostics). Any thread. */
    public long associationUpNs() {
        return associationUpNs;
    }

    /** Malformed or out-of-place DCEP messages received. */
    public long protocolErrors() {
        return protocolErrors;
    }

    /** Data messages dropped: no channel on the stream, or an unknown or deprecated PPID. */
    public long droppedMessages() {
        return droppedMessages;
    }

    /** DATA_CHANNEL_OPENs refused (wrong parity, channel limit, association ending). */
    public long refusedChannels() {
        return refusedChannels;
    }

    // ------------------------------------------------------------------ channel operations

    long bufferedAmount(int streamId) {
        return association == null || ended ? 0 : association.bufferedAmount(streamId);
    }

    void applyLowThreshold(DataChannel ch) {
        if (association != null && !ended) {
            association.setBufferedAmountLowThreshold(ch.id(), ch.bufferedAmountLowThreshold());
        }
    }

    void sendData(DataChannel ch, int ppid, ByteBuffer payload) {
        try {
            association.send(ch.id(), ppid, payload, ch.sendOptions);
        } catch (SctpMessageTooLargeException e) {
            throw new DataChannelMessageTooLargeException(e.sizeBytes(), e.limitBytes());
        } catch (SctpSendBufferFullException e) {
            throw new DataChannelException(DataChannelException.Kind.SEND_BUFFER_FULL, e.getMessage(), e);
        } catch (SctpInvalidStateException e) {
            throw new DataChannelException(DataChannelException.Kind.INVALID_STATE, e.getMessage(), e);
        }
    }

    void closeChannel(DataChannel ch) {
        DataChannelState s = ch.readyState();
        if (s == DataChannelState.CLOSING || s == DataChannelState.CLOSED) {
            return;
        }
        ch.setState(DataChannelState.CLOSING);
        if (!up || ended) {
            // Nothing was sent on the stream yet (or can be): close without a reset, but not
            // inside the caller's close() call.
            pending.remove(ch);
            scheduler.schedule(() -> finishClose(ch), 0);
            return;
        }
        resetStream(ch);
    }

    // ------------------------------------------------------------------ SctpListener

    @Override
    public void onAssociationUp() {
        associationUpNs = System.nanoTime();
        up = true;
        streamLimit = Math.min(association.outboundStreams(), association.inboundStreams());
        List<DataChannel> toStart = new ArrayList<>(pending);
        pending.clear();
        for (DataChannel ch : toStart) {
            if (ch.readyState() != DataChannelState.CONNECTING) {
                continue;
            }
            if (ch.id() >= streamLimit) {
                ch.fireError(new DataChannelException(DataChannelException.Kind.ID_UNAVAILABLE,
                        "stream id " + ch.id() + " is beyond the " + streamLimit + " streams negotiated"));
                finishClose(ch);
                continue;
            }
            start(ch);
        }
    }

    @Override
    public void onMessage(int streamId, int ppid, ByteBuffer payload) {
        if (ppid == Ppid.DCEP) {
            onDcep(streamId, payload);
            return;
        }
        DataChannel ch = channels.get(streamId);
        if (ch != null && up && ch.negotiated() && ch.readyState() == DataChannelState.CONNECTING) {
            // The peer's first message overtook our deferred open of a negotiated channel (its
            // association came up first): open now rather than drop data SCTP already acknowledged.
            markOpen(ch);
        }
        if (ch == null || ch.readyState() == DataChannelState.CLOSED
                || ch.readyState() == DataChannelState.CONNECTING && !ch.awaitingAck) {
            droppedMessages++;
            return;
        }
        if (ch.awaitingAck) {
            // The peer's data overtook its ACK (unordered channel) or came before it: the ACK is
            // implied (RFC 8832 §6).
            markOpen(ch);
            if (ch.readyState() != DataChannelState.OPEN) {
                return;
            }
        }
        if (Ppid.isPartial(ppid) || !Ppid.isKnown(ppid)) {
            droppedMessages++;
            log.debug("channel '{}': dropping message with PPID {}", ch.label(), Ppid.describe(ppid));
            return;
        }
        boolean empty = Ppid.isEmpty(ppid);
        if (Ppid.isString(ppid)) {
            // Malformed UTF-8 becomes U+FFFD, as browsers decode it.
            ch.fireString(empty ? "" : decodeUtf8(payload));
        } else if (ch.borrowsMessages()) {
            ch.fireBorrowedBinary(empty ? EMPTY_VIEW : readOnlyView(payload));
        } else {
            // SCTP lends the payload; an owning listener gets its own exact-size copy.
            ByteBuffer owned = ByteBuffer.allocate(empty ? 0 : payload.remaining());
            if (!empty) {
                payload.get(payload.position(), owned.array(), 0, owned.capacity());
            }
            ch.fireBinary(owned);
        }
    }

    /**
     * A read-only view of {@code payload}'s position..limit, without allocating in the steady
     * state: SCTP lends the same buffer object (a view over the DTLS receive buffer) packet after
     * packet, so the read-only twin is made once per such buffer and repositioned.
     */
    private ByteBuffer readOnlyView(ByteBuffer payload) {
        if (payload != viewSource) {
            viewSource = payload;
            view = payload.asReadOnlyBuffer();
        }
        ByteBuffer v = view;
        v.clear();
        v.limit(payload.limit()).position(payload.position());
        return v;
    }

    @Override
    public void onStreamReset(int streamId) {
        DataChannel ch = channels.get(streamId);
        if (ch != null) {
            finishClose(ch);
        }
    }

    @Override
    public void onBufferedAmountLow(int streamId) {
        DataChannel ch = channels.get(streamId);
        if (ch != null && ch.readyState() != DataChannelState.CLOSED && ch.addLowEvent()) {
            // Queued, never fired here: SCTP reports the crossing from inside send() when the data
            // goes straight to the wire, and a listener that sends more from the event would then
            // re-enter its own send loop (browsers queue the event too).
            scheduler.execute(ch.lowEventTask);
        }
    }

    @Override
    public void onClosed() {
        ended = true;
        for (DataChannel ch : new ArrayList<>(channels.values())) {
            finishClose(ch);
        }
    }

    @Override
    public void onAborted(SctpException reason, boolean byPeer) {
        ended = true;
        for (DataChannel ch : new ArrayList<>(channels.values())) {
            ch.fireError(new DataChannelException(DataChannelException.Kind.ASSOCIATION_ABORTED,
                    "SCTP association aborted" + (byPeer ? " by the peer" : "") + ": " + reason.getMessage(), reason));
            finishClose(ch);
        }
    }

    // ------------------------------------------------------------------ internals

    private static String decodeUtf8(ByteBuffer payload) {
        if (payload.hasArray()) {
            return new String(payload.array(), payload.arrayOffset() + payload.position(), payload.remaining(),
                    StandardCharsets.UTF_8);
        }
        byte[] bytes = new byte[payload.remaining()];
        payload.duplicate().get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private void start(DataChannel ch) {
        if (ch.bufferedAmountLowThreshold() != 0) {
            applyLowThreshold(ch);
        }
        if (ch.negotiated()) {
            // Not inside createDataChannel(): the caller has not set a listener yet.
            scheduler.schedule(() -> {
                if (ch.readyState() == DataChannelState.CONNECTING) {
                    markOpen(ch);
                }
            }, 0);
            return;
        }
        ch.awaitingAck = true;
        try {
            // DCEP is always reliable and ordered, whatever the channel's own policy (RFC 8832 §6).
            association.sendControl(ch.id(), Ppid.DCEP, ch.parameters().toOpen(ch.label()).encode(),
                    SctpSendOptions.RELIABLE_ORDERED);
        } catch (SctpException e) {
            ch.awaitingAck = false;
            fail(ch, new DataChannelException(DataChannelException.Kind.INVALID_STATE,
                    "cannot send DATA_CHANNEL_OPEN: " + e.getMessage(), e));
            return;
        }
        if (ch.ordered()) {
            // RFC 8832 §6 lets the opener send right after DATA_CHANNEL_OPEN; on an ordered channel
            // every message follows the OPEN on the same stream, so the peer always sees the OPEN
            // first. Opening now saves the round trip to the ACK (libwebrtc does the same).
            // Unordered channels wait for the ACK: their data could overtake the OPEN. Posted, not
            // run here: createDataChannel() may be our caller and its caller has no listener yet.
            scheduler.schedule(() -> {
                if (ch.readyState() == DataChannelState.CONNECTING) {
                    ch.setState(DataChannelState.OPEN);
                    ch.fireOpen();
                }
            }, 0);
        }
    }

    /** The ACK arrived, or is implied by the peer's data: opens the channel unless it already is. */
    private void markOpen(DataChannel ch) {
        ch.awaitingAck = false;
        if (ch.readyState() != DataChannelState.CONNECTING) {
            return; // an ordered channel opened when its OPEN was sent, or the channel is closing
        }
        ch.setState(DataChannelState.OPEN);
        ch.fireOpen();
    }

    private void onDcep(int streamId, ByteBuffer payload) {
        DataChannel ch = channels.get(streamId);
        DcepMessage message;
        try {
            message = DcepMessage.decode(payload);
        } catch (DcepException e) {
            protocolErrors++;
            log.debug("stream {}: malformed DCEP message: {}", streamId, e.getMessage());
            if (ch != null) {
                fail(ch, new DataChannelException(DataChannelException.Kind.PROTOCOL_VIOLATION,
                        "malformed DCEP message (" + e.kind() + "): " + e.getMessage(), e));
            }
            return;
        }
        if (message instanceof DataChannelOpen open) {
            onRemoteOpen(streamId, open, ch);
        } else if (ch != null && ch.awaitingAck) {
            markOpen(ch);
        } else {
            protocolErrors++; // a stray ACK is harmless: ignore it
            log.debug("stream {}: unexpected DATA_CHANNEL_ACK", streamId);
        }
    }

    private void onRemoteOpen(int streamId, DataChannelOpen open, DataChannel existing) {
        if (existing != null) {
            protocolErrors++;
            fail(existing, new DataChannelException(DataChannelException.Kind.PROTOCOL_VIOLATION,
                    "DATA_CHANNEL_OPEN on stream " + streamId + ", already used by channel '" + existing.label() + "'"));
            return;
        }
        if (ended || ids.isLocalParity(streamId) || streamId >= streamLimit || channels.size() >= maxChannels
                || !ids.reserve(streamId)) {
            // RFC 8832 §6: the opener uses its own parity; a refused OPEN is answered by a reset.
            refusedChannels++;
            log.debug("refusing DATA_CHANNEL_OPEN '{}' on stream {}", open.label(), streamId);
            refuseStream(streamId);
            return;
        }
        DataChannelParameters parameters;
        try {
            parameters = DataChannelParameters.fromOpen(open);
        } catch (IllegalArgumentException e) {
            ids.release(streamId);
            refusedChannels++;
            refuseStream(streamId);
            return;
        }
        DataChannel ch = new DataChannel(this, open.label(), parameters, streamId, false, DataChannelState.OPEN);
        channels.put(streamId, ch);
        try {
            association.sendControl(streamId, Ppid.DCEP, DataChannelAck.INSTANCE.encode(),
                    SctpSendOptions.RELIABLE_ORDERED);
        } catch (SctpException e) {
            fail(ch, new DataChannelException(DataChannelException.Kind.INVALID_STATE,
                    "cannot send DATA_CHANNEL_ACK: " + e.getMessage(), e));
            return;
        }
        try {
            listener.onDataChannel(ch);
        } catch (RuntimeException e) {
            log.warn("onDataChannel threw", e);
        }
        if (ch.readyState() == DataChannelState.OPEN) {
            ch.fireOpen();
        }
    }

    /** Reports {@code error} on the channel and closes it. */
    private void fail(DataChannel ch, DataChannelException error) {
        if (ch.readyState() == DataChannelState.CLOSED) {
            return;
        }
        ch.fireError(error);
        if (ch.readyState() == DataChannelState.CLOSED) {
            return;
        }
        ch.setState(DataChannelState.CLOSING);
        if (up && !ended) {
            resetStream(ch);
        } else {
            finishClose(ch);
        }
    }

    private void resetStream(DataChannel ch) {
        try {
            association.resetStreams(ch.id());
        } catch (SctpException e) {
            finishClose(ch); // the association is going away: nothing left to reset
        }
    }

    private void refuseStream(int streamId) {
        if (up && !ended) {
            try {
                association.resetStreams(streamId);
            } catch (SctpException e) {
                log.debug("cannot reset refused stream {}: {}", streamId, e.getMessage());
            }
        }
    }

    private void finishClose(DataChannel ch) {
        if (ch.readyState() == DataChannelState.CLOSED) {
            return;
        }
        ch.setState(DataChannelState.CLOSED);
        ch.awaitingAck = false;
        if (channels.get(ch.id()) == ch) {
            channels.remove(ch.id());
            ids.release(ch.id());
        }
        pending.remove(ch);
        if (ch.bufferedAmountLowThreshold() != 0 && association != null && !ended) {
            // The association keeps per-stream thresholds; a new channel on this id starts at 0.
            association.setBufferedAmountLowThreshold(ch.id(), 0);
        }
        ch.fireClose();
    }
}
