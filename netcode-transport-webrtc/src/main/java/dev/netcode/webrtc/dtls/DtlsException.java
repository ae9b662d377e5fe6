package dev.netcode.webrtc.dtls;

/**
 * Base of every DTLS failure this package reports. Subtypes say what went wrong:
 * {@link DtlsFingerprintMismatchException}, {@link DtlsHandshakeTimeoutException},
 * {@link DtlsAlertException}.
 */
public class DtlsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DtlsException(String message) {
        super(message);
    }

    public DtlsException(String message, Throwable cause) {
        super(message, cause);
    }
}
