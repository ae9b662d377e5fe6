package dev.netcode.webrtc.stun;

/**
 * The class of a STUN message (RFC 8489 §5): the two C bits interleaved into the message type.
 */
public enum StunClass {
    REQUEST(0b00),
    INDICATION(0b01),
    SUCCESS_RESPONSE(0b10),
    ERROR_RESPONSE(0b11);

    private static final StunClass[] BY_BITS = values();

    private final int bits;

    StunClass(int bits) {
        this.bits = bits;
    }

    /** The two class bits, C1 as bit 1 and C0 as bit 0. */
    public int bits() {
        return bits;
    }

    static StunClass ofBits(int bits) {
        return BY_BITS[bits & 0b11];
    }

    /** True for success and error responses. */
    public boolean isResponse() {
        return this == SUCCESS_RESPONSE || this == ERROR_RESPONSE;
    }
}
