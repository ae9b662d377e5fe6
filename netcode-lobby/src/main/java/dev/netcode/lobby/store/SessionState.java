package dev.netcode.lobby.store;

import java.util.ArrayList;
import java.util.List;

/**
 * A user's lobby session, kept while the user is connected and for a grace period after, so a
 * reconnect with the same token resumes room and match membership. Plain data holder with public
 * fields so every {@link LobbyStore} can serialize it (Jackson) without adapters.
 */
public final class SessionState {
    public String userId;
    public String displayName;
    public List<String> roles = new ArrayList<>();
    /** Room the user is in, or null. */
    public String roomId;
    /** Match the user was last assigned to, or null. */
    public String matchId;
    /** True while a WebSocket is attached (on any node). */
    public boolean connected;
    /** Lobby node the WebSocket is attached to (see {@link LobbyStore#nodeId()}), while connected. */
    public String nodeId;
    /** Last time the session was attached or detached; a detached session expires after the grace period. */
    public long lastSeenMs;

    public SessionState() {}

    public SessionState(String userId, String displayName, List<String> roles) {
        this.userId = userId;
        this.displayName = displayName;
        this.roles = new ArrayList<>(roles);
    }
}
