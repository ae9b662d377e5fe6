package dev.netcode.webrtc.turn;

/**
 * Base of every failure a {@link TurnClient} reports. Futures returned by the client complete
 * exceptionally with one of the subclasses, so a caller can tell "fix your credentials" from
 * "the server is down" from "try another server".
 */
public class TurnException extends Exception {
    private static final long serialVersionUID = 1L;

    public TurnException(String message) {
        super(message);
    }

    public TurnException(String message, Throwable cause) {
        super(message, cause);
    }
}
