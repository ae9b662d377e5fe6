package dev.netcode.webrtc.turn;

/**
 * The server refused the credentials (RFC 8656 §7.2 / RFC 8489 §9.2: a second 401 after the client
 * answered the realm/nonce challenge). With coturn's REST-API credentials this also means the
 * username's expiry has passed or the shared secret differs from the server's.
 */
public final class TurnAuthenticationException extends TurnException {
    private static final long serialVersionUID = 1L;

    public TurnAuthenticationException(String message) {
        super(message);
    }
}
