package dev.netcode.webrtc.stun;

/**
 * A datagram that is not a well-formed STUN message (RFC 8489 §5, §14), or an attribute whose
 * value breaks its definition.
 *
 * <p>The exception carries no stack trace: it is thrown for hostile input on the receive path, where
 * a flood of garbage must not cost a stack walk per datagram. {@link #reason()} says what was wrong
 * so a caller can count rejections per kind.
 */
public final class StunParseException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What made the input invalid. */
    public enum Reason {
        /** Fewer than 20 bytes, or an attribute header or value runs past the end. */
        TRUNCATED,
        /** Larger than {@link StunMessage#MAX_MESSAGE_BYTES}. */
        TOO_LARGE,
        /** First two bits not zero or magic cookie missing: not STUN at all. */
        NOT_STUN,
        /** The header's length field disagrees with the datagram size or is not a multiple of 4. */
        BAD_LENGTH,
        /** More than {@link StunMessage#MAX_ATTRIBUTES} attributes. */
        TOO_MANY_ATTRIBUTES,
        /** A known attribute whose value has the wrong size or content. */
        BAD_ATTRIBUTE,
        /** FINGERPRINT present but not last, or its CRC does not match. */
        BAD_FINGERPRINT
    }

    private final Reason reason;

    public StunParseException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
