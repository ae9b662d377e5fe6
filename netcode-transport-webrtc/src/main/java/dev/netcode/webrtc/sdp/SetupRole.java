package dev.netcode.webrtc.sdp;

import java.util.Optional;

/**
 * The {@code a=setup} attribute (RFC 4145 §4, RFC 8842 §5): which side opens the DTLS association.
 * {@code active} is the DTLS client, {@code passive} the server; an offer says {@code actpass}
 * (RFC 8842 §5) and the answer picks one of the two (RFC 8842 §5).
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>The DTLS role also decides SCTP stream ids for data channels: the DTLS client uses even
 *       ids, the server odd ones (RFC 8832 §6).</li>
 * </ul>
 */
public enum SetupRole {
    ACTIVE("active"),
    PASSIVE("passive"),
    ACTPASS("actpass"),
    HOLDCONN("holdconn");

    private final String sdpValue;

    SetupRole(String sdpValue) {
        this.sdpValue = sdpValue;
    }

    public String sdpValue() {
        return sdpValue;
    }

    /** The role for an exact SDP value, empty if none matches. */
    public static Optional<SetupRole> fromSdp(String value) {
        for (SetupRole r : values()) {
            if (r.sdpValue.equals(value)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** True when this side will be the DTLS client. Only meaningful for ACTIVE/PASSIVE. */
    public boolean isDtlsClient() {
        return this == ACTIVE;
    }
}
