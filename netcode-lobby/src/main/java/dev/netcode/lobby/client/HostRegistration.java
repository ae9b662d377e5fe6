package dev.netcode.lobby.client;

import dev.netcode.lobby.token.JoinTokenVerifier;
import java.time.Clock;

/** Reply to {@code host.register}: the host's id and the key its join tokens are signed with. */
public record HostRegistration(String hostId, String joinKey, long heartbeatIntervalMs, long timeoutMs) {
    /** A verifier for this host's join tokens. */
    public JoinTokenVerifier verifier(Clock clock) {
        return JoinTokenVerifier.of(hostId, joinKey, clock);
    }
}
