package dev.netcode.webrtc;

/**
 * Base of the typed errors of the {@link PeerConnection} API. Failures of the layers below keep
 * their own types: a DTLS failure is a {@link dev.netcode.webrtc.dtls.DtlsException} (for example
 * {@link dev.netcode.webrtc.dtls.DtlsFingerprintMismatchException}).
 */
public class PeerConnectionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PeerConnectionException(String message) {
        super(message);
    }

    public PeerConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
