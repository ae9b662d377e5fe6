package dev.netcode.webrtc.ice;

/**
 * Candidate types (RFC 8445 §5.1.1) with the recommended type preferences of §5.1.2.2.
 */
public enum IceCandidateType {
    HOST("host", 126),
    PEER_REFLEXIVE("prflx", 110),
    SERVER_REFLEXIVE("srflx", 100),
    RELAYED("relay", 0);

    private final String sdpName;
    private final int typePreference;

    IceCandidateType(String sdpName, int typePreference) {
        this.sdpName = sdpName;
        this.typePreference = typePreference;
    }

    /** The token after {@code typ} in SDP. */
    public String sdpName() {
        return sdpName;
    }

    /** RFC 8445 §5.1.2.2 recommended type preference (0..126). */
    public int typePreference() {
        return typePreference;
    }

    /** The type for an SDP token, or null when unknown. */
    public static IceCandidateType fromSdp(String token) {
        for (IceCandidateType t : values()) {
            if (t.sdpName.equals(token)) {
                return t;
            }
        }
        return null;
    }
}
