package dev.netcode.webrtc.turn;

/**
 * No answer from the server: a UDP request went unanswered through all retransmissions (RFC 8489
 * §6.2.1), a TCP request timed out, or the TCP connection could not be opened or was closed.
 */
public final class TurnUnreachableException extends TurnException {
    private static final long serialVersionUID = 1L;

    public TurnUnreachableException(String message) {
        super(message);
    }

    public TurnUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
