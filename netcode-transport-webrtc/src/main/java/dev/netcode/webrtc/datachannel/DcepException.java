package dev.netcode.webrtc.datachannel;

import java.util.Objects;

/**
 * A DCEP message (RFC 8832) from the peer cannot be decoded. {@link #kind()} lets the caller pick a
 * policy: an {@link Kind#UNKNOWN_MESSAGE_TYPE} may come from a future extension and can be
 * dropped, while a malformed {@code DATA_CHANNEL_OPEN} leaves no channel to deliver to, so the
 * receiver should reset (close) that stream.
 */
public final class DcepException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What was wrong with the message. */
    public enum Kind {
        /** Zero bytes: not even a message type. */
        EMPTY,
        /** Fewer bytes than the header or the declared label/protocol lengths need. */
        TRUNCATED,
        /** Bytes left after the declared label and protocol. */
        TRAILING_BYTES,
        /** A message type other than DATA_CHANNEL_OPEN (0x03) or DATA_CHANNEL_ACK (0x02). */
        UNKNOWN_MESSAGE_TYPE,
        /** A channel type not in RFC 8832 §8's registry. */
        UNKNOWN_CHANNEL_TYPE,
        /** Label or protocol that is not valid UTF-8. */
        INVALID_UTF8
    }

    private final Kind kind;

    public DcepException(Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }
}
