package dev.netcode.webrtc.dtls;

/** The handshake did not finish within {@link DtlsConfig#handshakeTimeoutMs()}. */
public final class DtlsHandshakeTimeoutException extends DtlsException {
    private static final long serialVersionUID = 1L;

    private final long timeoutMs;

    public DtlsHandshakeTimeoutException(long timeoutMs, Throwable cause) {
        super("DTLS handshake did not finish within " + timeoutMs + " ms", cause);
        this.timeoutMs = timeoutMs;
    }

    public long timeoutMs() {
        return timeoutMs;
    }
}
