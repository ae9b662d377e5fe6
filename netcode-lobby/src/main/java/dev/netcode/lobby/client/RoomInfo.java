package dev.netcode.lobby.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A room as the lobby describes it. {@code joinCode} and {@code members} are present for members
 * ({@code room.updated}, replies to create/join), absent (null / empty) in {@code room.list}.
 */
public record RoomInfo(String roomId, String name, @JsonProperty("public") boolean isPublic, String joinCode,
                       int maxPlayers, int playerCount, String hostUserId, Map<String, String> properties,
                       List<Member> members) {
    /** A room member. */
    public record Member(String userId, String displayName, boolean ready, boolean connected) {}

    public RoomInfo {
        properties = properties == null ? Map.of() : Map.copyOf(properties);
        members = members == null ? List.of() : List.copyOf(members);
    }

    public boolean hasMember(String userId) {
        return members.stream().anyMatch(m -> m.userId().equals(userId));
    }
}
