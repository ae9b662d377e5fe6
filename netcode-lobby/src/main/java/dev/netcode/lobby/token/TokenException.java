package dev.netcode.lobby.token;

/**
 * A token was refused. The {@link #reason()} says why, so a server can answer precisely (an
 * expired session token asks the client to log in again; a forged one is logged as an attack).
 */
public final class TokenException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a token was refused. */
    public enum Reason {
        /** Not of the form {@code payload.signature}, bad base64, or a payload that does not parse. */
        MALFORMED,
        /** The signature does not match: the token was altered or signed with another key. */
        FORGED,
        /** Well signed, but its expiry time has passed. */
        EXPIRED,
        /** Well signed and fresh, but issued for something else (another kind of token, another host). */
        WRONG_AUDIENCE
    }

    private final Reason reason;

    public TokenException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
