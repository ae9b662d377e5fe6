package dev.netcode.lobby.store;

import java.util.LinkedHashMap;
import java.util.Map;

/** A registered dedicated host (plain data holder, see {@link SessionState}). */
public final class HostState {
    public String hostId;
    /** Session user id of the host process (where reservations are sent). */
    public String userId;
    public String region;
    /** Address players connect to, opaque to the lobby (e.g. "203.0.113.5:7000" or a URL). */
    public String address;
    public int capacity;
    /** Seats taken as last reported by the host's heartbeat. */
    public int reportedLoad;
    /** Seats reserved by the lobby per match id, until the host releases the match. */
    public Map<String, Integer> reservations = new LinkedHashMap<>();
    /** base64url HMAC key for the host's join tokens. */
    public String joinKey;
    public long lastHeartbeatMs;

    public HostState() {}

    /** Seats in use: the larger of what the host reports and what the lobby reserved. */
    public int load() {
        int reserved = reservations.values().stream().mapToInt(Integer::intValue).sum();
        return Math.max(reportedLoad, reserved);
    }

    public int freeSeats() {
        return capacity - load();
    }
}
