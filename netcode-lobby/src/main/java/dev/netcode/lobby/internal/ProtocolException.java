package dev.netcode.lobby.internal;

/** A client message that cannot be served; becomes an {@code error} reply with {@link #code()}. */
public final class ProtocolException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String code;

    public ProtocolException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
