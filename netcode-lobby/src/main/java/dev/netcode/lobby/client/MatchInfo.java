package dev.netcode.lobby.client;

import java.util.List;

/**
 * A match the matchmaker formed ({@code match.found}). If {@code host.kind} is {@code "dedicated"},
 * connect to {@code host.address} and present {@code host.joinToken}; signal to
 * {@code host.userId}. If it is {@code "p2p"}, the player {@code host.userId} hosts.
 */
public record MatchInfo(String matchId, String mode, String region, List<Player> players, Host host) {
    /** One player of the match. */
    public record Player(String userId, String displayName) {}

    /** Who hosts the match. {@code hostId}, {@code address} and {@code joinToken} are null for p2p. */
    public record Host(String kind, String userId, String hostId, String address, String joinToken) {
        public boolean dedicated() {
            return "dedicated".equals(kind);
        }
    }

    public MatchInfo {
        players = players == null ? List.of() : List.copyOf(players);
    }
}
