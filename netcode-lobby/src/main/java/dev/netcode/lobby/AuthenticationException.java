package dev.netcode.lobby;

/** A login was refused by the {@link Authenticator}; the message is shown to the client. */
public final class AuthenticationException extends Exception {
    private static final long serialVersionUID = 1L;

    public AuthenticationException(String message) {
        super(message);
    }
}
