package dev.netcode.webrtc.datachannel;

/**
 * Every error of the data channel layer, with a {@link Kind} naming the rule or limit so callers
 * can react without parsing messages. Thrown by {@code send()}/{@code createDataChannel()}
 * (W3C's {@code InvalidStateError}, {@code OperationError}, {@code TypeError}), and handed to
 * {@link DataChannelListener#onError} for failures that come from the peer.
 */
public class DataChannelException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Kind {
        /** The message is larger than the peer's {@code a=max-message-size}. */
        MESSAGE_TOO_LARGE,
        /** {@code send()} on a channel that is not open (W3C InvalidStateError). */
        INVALID_STATE,
        /** The association's send buffer would overflow; wait for {@code onBufferedAmountLow}. */
        SEND_BUFFER_FULL,
        /** The peer sent a malformed or out-of-place DCEP message on this channel's stream. */
        PROTOCOL_VIOLATION,
        /** No free stream id or the configured channel limit is reached (W3C OperationError). */
        TOO_MANY_CHANNELS,
        /** The stream id is already used by another channel, or outside the negotiated streams. */
        ID_UNAVAILABLE,
        /** The SCTP association was aborted (by the peer, a timeout, or a protocol violation). */
        ASSOCIATION_ABORTED
    }

    private final Kind kind;

    public DataChannelException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public DataChannelException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
