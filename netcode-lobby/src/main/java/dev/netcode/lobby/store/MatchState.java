package dev.netcode.lobby.store;

import java.util.ArrayList;
import java.util.List;

/**
 * A match the matchmaker formed (plain data holder, see {@link SessionState}). Signaling is allowed
 * between any two of {@link #players} and {@link #hostUserId}.
 */
public final class MatchState {
    public String matchId;
    public String mode;
    public String region;
    public List<String> players = new ArrayList<>();
    /** "dedicated" or "p2p". */
    public String hostKind;
    /** Dedicated host id (hostKind dedicated), else null. */
    public String hostId;
    /** User id of the host: the dedicated host's session user, or the chosen player in p2p. */
    public String hostUserId;
    public long createdAtMs;

    public MatchState() {}

    public boolean involves(String userId) {
        return players.contains(userId) || userId.equals(hostUserId);
    }
}
