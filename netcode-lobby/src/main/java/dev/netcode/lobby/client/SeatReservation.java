package dev.netcode.lobby.client;

import java.util.List;

/**
 * Sent to a dedicated host when the lobby places a match on it: the players to expect and the join
 * token each will present (verify with {@code JoinTokenVerifier}).
 */
public record SeatReservation(String hostId, String matchId, String mode, String region, long expiresAtMs, List<Seat> seats) {
    /** One reserved seat. */
    public record Seat(String userId, String displayName, String joinToken) {}

    public SeatReservation {
        seats = seats == null ? List.of() : List.copyOf(seats);
    }
}
