package dev.netcode.webrtc.datachannel;

import dev.netcode.webrtc.sctp.SctpSendOptions;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebRTC data channel (RFC 8831), shaped after W3C {@code RTCDataChannel}: a label, an SCTP
 * stream id, an ordering and reliability policy, a {@link DataChannelState}, string and binary
 * messages, {@code bufferedAmount} with a low-threshold event, and {@code close()}.
 *
 * <pre>{@code
 * DataChannel chat = manager.createDataChannel("chat", DataChannelParameters.DEFAULT);
 * chat.setListener(new DataChannelListener() {
 *     public void onOpen(DataChannel c) { c.send("hello"); }
 *     public void onStringMessage(DataChannel c, String m) { log(m); }
 *     public void onBinaryMessage(DataChannel c, ByteBuffer m) { c.send(m); } // echo, same type
 * });
 * chat.setBufferedAmountLowThreshold(64 * 1024);   // refill when the queue drains below 64 KiB
 * chat.close();                                     // stream reset; CLOSED on both sides
 * }</pre>
 *
 * <h2>Wire mapping (RFC 8831 §6.6, RFC 8832)</h2>
 * Strings go as UTF-8 with PPID 51, binary with PPID 53. SCTP cannot carry an empty message, so
 * an empty string or buffer is sent as one zero byte with PPID 56 or 57 and delivered empty. DCEP
 * (PPID 50) is handled by the {@link DataChannelManager} and never reaches the listener.
 *
 * <h2>Threading</h2>
 * Not thread-safe: call it only on the association's thread (the connection's event loop), where
 * its {@link DataChannelListener} callbacks also run. From another thread, submit the call to
 * that event loop.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>{@code send()} on a channel that is not {@link DataChannelState#OPEN} throws
 *       ({@link DataChannelException.Kind#INVALID_STATE}); a channel announced in-band opens only
 *       when the peer's DATA_CHANNEL_ACK arrives, so send from {@code onOpen}.</li>
 *   <li>A message above the peer's {@code a=max-message-size} is refused at {@code send()} with
 *       {@link DataChannelMessageTooLargeException}; the channel stays usable.</li>
 *   <li>Unlike browsers, a full send buffer does not close the channel: {@code send()} throws
 *       {@link DataChannelException.Kind#SEND_BUFFER_FULL} and nothing is queued. Watch
 *       {@link #bufferedAmount()} and the low-threshold event instead of hitting it.</li>
 *   <li>{@code send(ByteBuffer)} copies the remaining bytes and leaves the buffer's position
 *       unchanged, so the caller may reuse the buffer at once.</li>
 *   <li>{@code onBufferedAmountLow} is queued, as in browsers: a {@code send()} whose data goes
 *       straight to the wire crosses the threshold inside the call, but the event runs after it,
 *       as its own task on the association's thread.</li>
 *   <li>{@code maxRetransmits=0} or a lifetime may lose messages; with {@code ordered=true} a lost
 *       message still holds back later ones until it is abandoned.</li>
 * </ul>
 */
public final class DataChannel {
    private static final Logger log = LoggerFactory.getLogger(DataChannel.class);
    private static final DataChannelListener NO_LISTENER = new DataChannelListener() {
    };
    /** RFC 8831 §6.6: an empty message travels as a single byte. */
    private static final ByteBuffer EMPTY_MESSAGE_PAD = ByteBuffer.wrap(new byte[Ppid.EMPTY_MESSAGE_PAYLOAD_BYTES])
            .asReadOnlyBuffer();

    private final DataChannelManager manager;
    private final String label;
    private final DataChannelParameters parameters;
    private final int id;
    private final boolean locallyCreated;
    final SctpSendOptions sendOptions;
    private DataChannelState state;
    private DataChannelListener listener = NO_LISTENER;
    /** {@link #listener} as a borrowing one, or null when it owns its messages. */
    private BorrowingDataChannelListener borrowingListener;
    /** Crossings of the low threshold reported by SCTP whose event has not run yet. */
    private int lowEventsPending;
    /** Reused for every posted low event: at most one is queued at a time. */
    final Runnable lowEventTask = this::runLowEvents;
    private long bufferedAmountLowThresholdBytes;
    /** In-band channel we announced: OPEN sent, ACK (or the first data message) not yet seen. */
    boolean awaitingAck;

    DataChannel(DataChannelManager manager, String label, DataChannelParameters parameters, int id,
            boolean locallyCreated, DataChannelState initialState) {
        this.manager = manager;
        this.label = label;
        this.parameters = parameters;
        this.id = id;
        this.locallyCreated = locallyCreated;
        this.state = initialState;
        this.sendOptions = sendOptionsOf(parameters);
    }

    private static SctpSendOptions sendOptionsOf(DataChannelParameters p) {
        if (p.maxRetransmits() != null) {
            return SctpSendOptions.maxRetransmits(p.ordered(), p.maxRetransmits());
        }
        if (p.maxPacketLifeTimeMs() != null) {
            return SctpSendOptions.lifetime(p.ordered(), p.maxPacketLifeTimeMs());
        }
        return p.ordered() ? SctpSendOptions.RELIABLE_ORDERED : SctpSendOptions.RELIABLE_UNORDERED;
    }

    // ------------------------------------------------------------------ W3C attributes

    public String label() {
        return label;
    }

    public String protocol() {
        return parameters.protocol();
    }

    /** The SCTP stream id (W3C {@code id}); for announced channels chosen by DTLS role. */
    public int id() {
        return id;
    }

    public boolean ordered() {
        return parameters.ordered();
    }

    /** Retransmissions allowed, or {@code null} when not limited this way. */
    public Integer maxRetransmits() {
        return parameters.maxRetransmits();
    }

    /** Milliseconds a message may take before it is abandoned, or {@code null} when not limited. */
    public Integer maxPacketLifeTime() {
        return parameters.maxPacketLifeTimeMs();
    }

    public boolean negotiated() {
        return parameters.negotiated();
    }

    public DataChannelPriority priority() {
        return parameters.priority();
    }

    /** All parameters (as created locally, or as the peer announced them). */
    public DataChannelParameters parameters() {
        return parameters;
    }

    /** True when this side created the channel, false when the peer announced it. */
    public boolean locallyCreated() {
        return locallyCreated;
    }

    public DataChannelState readyState() {
        return state;
    }

    /** Bytes given to {@code send()} and not yet transmitted once (0 once closed). */
    public long bufferedAmount() {
        return state == DataChannelState.CLOSED ? 0 : manager.bufferedAmount(id);
    }

    public long bufferedAmountLowThreshold() {
        return bufferedAmountLowThresholdBytes;
    }

    /**
     * Sets the level at or below which {@link DataChannelListener#onBufferedAmountLow} fires when
     * {@link #bufferedAmount()} falls to it (W3C: default 0, fires once per crossing).
     */
    public void setBufferedAmountLowThreshold(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("threshold must be >= 0, got " + bytes);
        }
        bufferedAmountLowThresholdBytes = bytes;
        if (state != DataChannelState.CLOSED) {
            manager.applyLowThreshold(this);
        }
    }

    public DataChannelListener listener() {
        return listener;
    }

    /**
     * Sets the event listener (replaces the previous one; {@code null} removes it). A
     * {@link BorrowingDataChannelListener} receives binary messages as borrowed views, any other
     * listener as buffers it owns.
     */
    public void setListener(DataChannelListener listener) {
        this.listener = listener == null ? NO_LISTENER : listener;
        this.borrowingListener = listener instanceof BorrowingDataChannelListener b ? b : null;
    }

    // ------------------------------------------------------------------ W3C methods

    /**
     * Sends a string message (UTF-8, PPID 51; PPID 56 when empty).
     *
     * @throws DataChannelMessageTooLargeException above the peer's maximum message size
     * @throws DataChannelException {@code INVALID_STATE} when not open, {@code SEND_BUFFER_FULL}
     *         when the association's send buffer is full
     */
    public void send(String message) {
        Objects.requireNonNull(message, "message");
        sendRaw(false, ByteBuffer.wrap(message.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Sends the remaining bytes of {@code message} as a binary message (PPID 53; 57 when empty).
     * The bytes are copied; the buffer's position does not move.
     *
     * @throws DataChannelMessageTooLargeException above the peer's maximum message size
     * @throws DataChannelException {@code INVALID_STATE} when not open, {@code SEND_BUFFER_FULL}
     *         when the association's send buffer is full
     */
    public void send(ByteBuffer message) {
        Objects.requireNonNull(message, "message");
        sendRaw(true, message);
    }

    /** Sends {@code message} as a binary message; see {@link #send(ByteBuffer)}. */
    public void send(byte[] message) {
        send(ByteBuffer.wrap(message));
    }

    private void sendRaw(boolean binary, ByteBuffer payload) {
        if (state != DataChannelState.OPEN) {
            throw new DataChannelException(DataChannelException.Kind.INVALID_STATE,
                    "channel '" + label + "' (id " + id + ") is " + state + ", not OPEN");
        }
        int sizeBytes = payload.remaining();
        long limitBytes = manager.remoteMaxMessageSizeBytes();
        if (sizeBytes > limitBytes) {
            throw new DataChannelMessageTooLargeException(sizeBytes, limitBytes);
        }
        manager.sendData(this, Ppid.forMessage(binary, sizeBytes),
                sizeBytes == 0 ? EMPTY_MESSAGE_PAD.duplicate() : payload);
    }

    /**
     * Closes the channel (W3C {@code close()}): state becomes {@link DataChannelState#CLOSING},
     * data already queued is still sent, then the stream is reset in both directions (RFC 8831
     * §6.7) and both sides reach {@link DataChannelState#CLOSED}. Idempotent.
     */
    public void close() {
        manager.closeChannel(this);
    }

    // ------------------------------------------------------------------ manager side

    void setState(DataChannelState state) {
        this.state = state;
    }

    void fireOpen() {
        try {
            listener.onOpen(this);
        } catch (RuntimeException e) {
            log.warn("onOpen of channel '{}' threw", label, e);
        }
    }

    void fireString(String message) {
        try {
            listener.onStringMessage(this, message);
        } catch (RuntimeException e) {
            log.warn("onStringMessage of channel '{}' threw", label, e);
        }
    }

    /** Whether binary messages go to a {@link BorrowingDataChannelListener}. */
    boolean borrowsMessages() {
        return borrowingListener != null;
    }

    /** To a borrowing listener: {@code view} is read-only and valid during the call only. */
    void fireBorrowedBinary(ByteBuffer view) {
        try {
            borrowingListener.onBorrowedBinaryMessage(this, view);
        } catch (RuntimeException e) {
            log.warn("onBorrowedBinaryMessage of channel '{}' threw", label, e);
        }
    }

    /** To an owning listener: {@code message} is the listener's from now on. */
    void fireBinary(ByteBuffer message) {
        try {
            listener.onBinaryMessage(this, message);
        } catch (RuntimeException e) {
            log.warn("onBinaryMessage of channel '{}' threw", label, e);
        }
    }

    /**
     * Records one crossing of the low threshold; returns true when the caller must post
     * {@link #lowEventTask} (none is queued yet).
     */
    boolean addLowEvent() {
        return lowEventsPending++ == 0;
    }

    /** The posted task: one event per crossing recorded, unless the channel closed meanwhile. */
    private void runLowEvents() {
        int n = lowEventsPending;
        lowEventsPending = 0;
        for (int i = 0; i < n && state != DataChannelState.CLOSED; i++) {
            try {
                listener.onBufferedAmountLow(this);
            } catch (RuntimeException e) {
                log.warn("onBufferedAmountLow of channel '{}' threw", label, e);
            }
        }
    }

    void fireError(DataChannelException error) {
        try {
            listener.onError(this, error);
        } catch (RuntimeException e) {
            log.warn("onError of channel '{}' threw", label, e);
        }
    }

    void fireClose() {
        try {
            listener.onClose(this);
        } catch (RuntimeException e) {
            log.warn("onClose of channel '{}' threw", label, e);
        }
    }

    @Override
    public String toString() {
        return "DataChannel[" + label + ", id=" + id + ", " + state + "]";
    }
}
