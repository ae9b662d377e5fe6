package dev.netcode.lobby.store;

import java.util.ArrayList;
import java.util.List;

/**
 * A matchmaking ticket: one player or a party queued together (plain data holder, see
 * {@link SessionState}).
 */
public final class TicketState {
    public String ticketId;
    public String mode;
    public String region;
    public List<String> userIds = new ArrayList<>();
    /** Room whose members form this party, or null for a solo ticket. */
    public String partyRoomId;
    public double skill;
    public long enqueuedAtMs;

    public TicketState() {}

    /** Queue key: mode and region. */
    public String queueKey() {
        return mode + "/" + region;
    }
}
