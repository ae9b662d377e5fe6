package dev.netcode.webrtc.dtls;

import org.bouncycastle.tls.AlertDescription;

/**
 * A fatal TLS alert (RFC 5246 §7.2) ended the handshake or the session: either the peer sent it
 * ({@link #receivedFromPeer()}) or this side raised it, e.g. {@code handshake_failure} when no
 * cipher suite is shared.
 */
public final class DtlsAlertException extends DtlsException {
    private static final long serialVersionUID = 1L;

    private final short alertDescription;
    private final boolean receivedFromPeer;

    public DtlsAlertException(short alertDescription, boolean receivedFromPeer, Throwable cause) {
        super((receivedFromPeer ? "peer sent fatal alert " : "fatal alert raised locally: ")
                + AlertDescription.getText(alertDescription), cause);
        this.alertDescription = alertDescription;
        this.receivedFromPeer = receivedFromPeer;
    }

    /** The RFC 5246 §7.2 AlertDescription code, e.g. 42 for bad_certificate. */
    public short alertDescription() {
        return alertDescription;
    }

    /** The alert's name, e.g. {@code bad_certificate}. */
    public String alertName() {
        return AlertDescription.getName(alertDescription);
    }

    /** True when the peer sent the alert, false when this side raised it. */
    public boolean receivedFromPeer() {
        return receivedFromPeer;
    }
}
