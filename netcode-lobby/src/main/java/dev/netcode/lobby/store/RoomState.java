package dev.netcode.lobby.store;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A room (plain data holder, see {@link SessionState}). Members are kept in join order, which is
 * also the order used to pick the next host when the host leaves.
 */
public final class RoomState {
    public String roomId;
    public String name;
    public boolean isPublic;
    /** Join code for private rooms (also usable for public ones), unique among live rooms. */
    public String joinCode;
    public int maxPlayers;
    public String hostUserId;
    public long createdAtMs;
    /** Set while the room's members are queued together as a party. */
    public String queuedMode;
    public Map<String, String> properties = new LinkedHashMap<>();
    public Map<String, MemberState> members = new LinkedHashMap<>();

    public RoomState() {}
}
