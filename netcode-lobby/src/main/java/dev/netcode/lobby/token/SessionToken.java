package dev.netcode.lobby.token;

import java.util.List;

/** The verified content of a session token: who the bearer is and until when. */
public record SessionToken(String userId, String displayName, List<String> roles, long expiresAtMs) {
    public SessionToken {
        roles = List.copyOf(roles);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
