package dev.netcode.webrtc.turn;

/**
 * Bytes from the TURN server that break RFC 8656 framing or attribute rules. Thrown on the receive
 * path for hostile input, so it carries no stack trace.
 */
public final class TurnParseException extends Exception {
    private static final long serialVersionUID = 1L;

    public TurnParseException(String message) {
        super(message, null, false, false);
    }
}
