package dev.netcode.lobby.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netcode.lobby.Identity;
import dev.netcode.lobby.LobbyConfig;
import dev.netcode.lobby.store.HostState;
import dev.netcode.lobby.store.LobbyStore;
import dev.netcode.lobby.store.MatchState;
import dev.netcode.lobby.store.SessionState;
import dev.netcode.lobby.token.JoinTokens;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dedicated hosts: registration, heartbeats, removal when silent, least-loaded choice and seat
 * reservations with join tokens. Runs on the lobby-logic thread only.
 *
 * <p>Each host gets its own random 32-byte join key at registration. Join tokens for its seats
 * are signed with that key, so the host verifies them offline ({@code JoinTokenVerifier}) and a
 * token for one host is worthless on another.
 *
 * <p>A host that times out and registers again is a new registration: new host id, new key. This
 * is deliberate. Keeping the key for the same host identity would mean either remembering the keys
 * of hosts that are gone (state that only grows) or deriving them from a lobby-wide secret (a key
 * that can never be rotated, and tokens of a dead registration valid again on the new one). The
 * matches of the old registration are gone with it anyway, so its tokens have nothing to admit.
 * The host follows the key instead: {@code LobbyClient} re-registers by itself and reports the new
 * key to {@code LobbyListener.onHostRegistered}.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Load is the larger of the seats the host reports in heartbeats and the seats the lobby has
 *       reserved and not yet seen released; a host should send {@code host.release} when a match
 *       ends or its seats stay counted.</li>
 * </ul>
 */
public final class HostRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(HostRegistry.class);
    private final LobbyConfig config;
    private final LobbyStore store;
    private final Connections connections;
    private final SecureRandom random = new SecureRandom();

    public HostRegistry(LobbyConfig config, Connections connections) {
        this.config = config;
        this.store = config.store;
        this.connections = connections;
    }

    public ObjectNode register(SessionState session, JsonNode msg) throws ProtocolException {
        if (!session.roles.contains(Identity.ROLE_HOST)) {
            throw new ProtocolException(ErrorCode.FORBIDDEN, "only a session with the 'host' role may register a host");
        }
        String region = Json.text(msg, "region", 32);
        String address = Json.text(msg, "address", 256);
        int capacity = Json.integer(msg, "capacity", 0, 1, 100_000);
        HostState host = hostOfUser(session.userId);
        if (host == null) {
            host = new HostState();
            host.hostId = "h-" + hex(8);
            host.userId = session.userId;
            byte[] key = new byte[32];
            random.nextBytes(key);
            host.joinKey = Base64.getUrlEncoder().withoutPadding().encodeToString(key);
        }
        host.region = region;
        host.address = address;
        host.capacity = capacity;
        host.lastHeartbeatMs = config.clock.millis();
        store.putHost(host);
        LOG.info("host {} registered: region {}, capacity {}, address {}", host.hostId, region, capacity, address);
        ObjectNode data = Json.object();
        data.put("hostId", host.hostId);
        data.put("joinKey", host.joinKey);
        data.put("heartbeatIntervalMs", config.hostHeartbeatIntervalMs);
        data.put("timeoutMs", config.hostTimeoutMs);
        return data;
    }

    public ObjectNode heartbeat(SessionState session, JsonNode msg) throws ProtocolException {
        HostState host = requireHost(session);
        host.reportedLoad = Json.integer(msg, "load", host.reportedLoad, 0, 100_000);
        host.lastHeartbeatMs = config.clock.millis();
        store.putHost(host);
        ObjectNode data = Json.object();
        data.put("load", host.load());
        data.put("capacity", host.capacity);
        return data;
    }

    public ObjectNode release(SessionState session, JsonNode msg) throws ProtocolException {
        HostState host = requireHost(session);
        String matchId = Json.text(msg, "matchId", 64);
        if (host.reservations.remove(matchId) == null) {
            throw new ProtocolException(ErrorCode.NOT_FOUND, "no reservation for match " + matchId);
        }
        store.putHost(host);
        return Json.object();
    }

    /**
     * The host leaves the registry at once (a clean shutdown) instead of after the heartbeat
     * timeout; matches already placed on it are not touched.
     */
    public ObjectNode unregister(SessionState session) throws ProtocolException {
        HostState host = requireHost(session);
        store.removeHost(host.hostId);
        LOG.info("host {} unregistered", host.hostId);
        return Json.object();
    }

    /** Host ids currently registered (live or not yet timed out). */
    public java.util.List<String> hostIds() {
        return store.hosts().stream().map(h -> h.hostId).toList();
    }

    /** Removes hosts silent for longer than the timeout. */
    public void expire(long nowMs) {
        for (HostState host : store.hosts()) {
            if (nowMs - host.lastHeartbeatMs > config.hostTimeoutMs) {
                LOG.info("host {} removed: no heartbeat for {} ms", host.hostId, nowMs - host.lastHeartbeatMs);
                store.removeHost(host.hostId);
            }
        }
    }

    /** The least-loaded live host in {@code region} with {@code seats} free seats, or null. */
    public HostState pick(String region, int seats, long nowMs) {
        return store.hosts().stream()
                .filter(h -> h.region.equals(region))
                .filter(h -> nowMs - h.lastHeartbeatMs <= config.hostTimeoutMs)
                .filter(h -> h.freeSeats() >= seats)
                .filter(h -> connections.isOnline(h.userId))
                .min(Comparator.comparingDouble((HostState h) -> (double) h.load() / h.capacity)
                        .thenComparingInt(HostState::load)
                        .thenComparing(h -> h.hostId))
                .orElse(null);
    }

    /**
     * Reserves the match's seats on {@code host}, sends {@code host.reservation} to it and returns
     * the join token of each player.
     */
    public Map<String, String> reserve(HostState host, MatchState match, Map<String, String> displayNames) {
        host.reservations.put(match.matchId, match.players.size());
        store.putHost(host);
        JoinTokens tokens = new JoinTokens(Base64.getUrlDecoder().decode(host.joinKey), host.hostId, config.joinTokenTtl, config.clock);
        Map<String, String> byUser = new LinkedHashMap<>();
        ObjectNode event = Messages.event("host.reservation");
        event.put("hostId", host.hostId);
        event.put("matchId", match.matchId);
        event.put("mode", match.mode);
        event.put("region", match.region);
        event.put("expiresAtMs", config.clock.millis() + config.joinTokenTtl.toMillis());
        ArrayNode seats = event.putArray("seats");
        for (String userId : match.players) {
            String token = tokens.issue(match.matchId, userId);
            byUser.put(userId, token);
            ObjectNode seat = seats.addObject();
            seat.put("userId", userId);
            seat.put("displayName", displayNames.getOrDefault(userId, userId));
            seat.put("joinToken", token);
        }
        connections.send(host.userId, event);
        return byUser;
    }

    private HostState requireHost(SessionState session) throws ProtocolException {
        HostState host = hostOfUser(session.userId);
        if (host == null) {
            throw new ProtocolException(ErrorCode.NOT_REGISTERED, "send host.register first (or the host timed out)");
        }
        return host;
    }

    private HostState hostOfUser(String userId) {
        return store.hosts().stream().filter(h -> h.userId.equals(userId)).findFirst().orElse(null);
    }

    private String hex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return java.util.HexFormat.of().formatHex(b);
    }
}
