package dev.netcode.webrtc.dtls;

import java.util.Locale;

/**
 * Which side of the DTLS handshake this endpoint plays, derived from SDP {@code a=setup}
 * (RFC 8842 §5, RFC 4145 §4):
 *
 * <pre>
 *   local a=setup   remote a=setup   DTLS role
 *   active          passive          CLIENT  (sends the ClientHello)
 *   passive         active           SERVER
 *   (offer) actpass active           SERVER
 *   (offer) actpass passive          CLIENT
 * </pre>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>An offer must say {@code actpass} (RFC 8842 §5.2); the role is only known once the answer
 *       arrives, so the offerer creates its endpoint after {@code setRemoteDescription}.</li>
 *   <li>An answer must never say {@code actpass}; browsers answer {@code active}, which is also our
 *       default ({@link DtlsConfig.Builder#actpassAnswerRole}).</li>
 * </ul>
 */
public enum DtlsRole {
    /** DTLS client: {@code a=setup:active}. */
    CLIENT("active"),
    /** DTLS server: {@code a=setup:passive}. */
    SERVER("passive");

    private final String setupValue;

    DtlsRole(String setupValue) {
        this.setupValue = setupValue;
    }

    /** The {@code a=setup} value an answer carries for this role. */
    public String setupValue() {
        return setupValue;
    }

    /** The other side's role. */
    public DtlsRole opposite() {
        return this == CLIENT ? SERVER : CLIENT;
    }

    /**
     * Our role given the remote description's {@code a=setup} value.
     *
     * @param remoteSetup {@code active}, {@code passive} or {@code actpass} (case-insensitive)
     * @param roleWhenRemoteActpass our role when the remote offers {@code actpass} (we are the answerer)
     * @throws IllegalArgumentException for {@code holdconn} or any unknown value
     */
    public static DtlsRole fromRemoteSetup(String remoteSetup, DtlsRole roleWhenRemoteActpass) {
        switch (remoteSetup.trim().toLowerCase(Locale.ROOT)) {
            case "active": return SERVER;
            case "passive": return CLIENT;
            case "actpass": return roleWhenRemoteActpass;
            default: throw new IllegalArgumentException("unusable a=setup value '" + remoteSetup + "'");
        }
    }
}
