package dev.netcode.lobby.token;

/** What a verified join token grants: seat {@code userId} in match {@code matchId} on host {@code hostId}. */
public record JoinClaims(String hostId, String matchId, String userId, long expiresAtMs) {}
