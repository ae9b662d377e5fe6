package dev.netcode.webrtc.stun;

/**
 * STUN method numbers (IANA "STUN Methods" registry). Only Binding is used by ICE; the TURN methods
 * are listed so a TURN client can share the codec.
 */
public final class StunMethod {
    /** RFC 8489 §18.2. */
    public static final int BINDING = 0x001;
    /** RFC 8656 §17. */
    public static final int ALLOCATE = 0x003;
    public static final int REFRESH = 0x004;
    public static final int SEND = 0x006;
    public static final int DATA = 0x007;
    public static final int CREATE_PERMISSION = 0x008;
    public static final int CHANNEL_BIND = 0x009;

    /** Methods are 12 bits wide. */
    public static final int MAX = 0xFFF;

    private StunMethod() {
    }
}
