package dev.netcode.lobby.client;

/**
 * A lobby request failed: the server answered with an {@code error} (see {@link #code()}, listed in
 * PROTOCOL.md), or the connection dropped before the answer ({@code code = "disconnected"}).
 */
public final class LobbyException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** Code used when the connection was lost before a reply arrived. */
    public static final String DISCONNECTED = "disconnected";
    private final String code;

    public LobbyException(String code, String message) {
        super(code + ": " + message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
