package dev.netcode.lobby.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netcode.lobby.LobbyConfig;
import dev.netcode.lobby.store.LobbyStore;
import dev.netcode.lobby.store.MatchState;
import dev.netcode.lobby.store.RoomState;
import dev.netcode.lobby.store.SessionState;
import dev.netcode.lobby.token.SessionTokens;
import dev.netcode.lobby.turn.TurnCredentials;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lobby's state machine: sessions, dispatch of client messages to rooms, matchmaking, hosts,
 * signaling and TURN. Everything here runs on ONE thread ("lobby-logic"), so the state needs no
 * locks and every change is ordered; Netty event loops only decode frames and hand them over with
 * {@link #execute}.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>The hand-over queue is unbounded by type but bounded in practice: every connection is
 *       rate-limited before it can enqueue, so the queue holds at most connections × burst tasks.</li>
 *   <li>Nothing here may block except calls into the {@code LobbyStore}.</li>
 * </ul>
 */
public final class LobbyLogic implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LobbyLogic.class);

    private final LobbyConfig config;
    private final LobbyStore store;
    private final SessionTokens tokens;
    private final Connections connections;
    private final RoomService rooms;
    private final HostRegistry hosts;
    private final Matchmaker matchmaker;
    private final ScheduledExecutorService executor;
    /** Session, host and match expiry run at most this often (they scan the whole store). */
    private static final long MAINTENANCE_INTERVAL_MS = 1_000;
    private long lastMaintenanceMs;

    public LobbyLogic(LobbyConfig config, SessionTokens tokens, Connections connections) {
        this.config = config;
        this.store = config.store;
        this.tokens = tokens;
        this.connections = connections;
        this.hosts = new HostRegistry(config, connections);
        Matchmaker[] holder = new Matchmaker[1];
        this.rooms = new RoomService(config, connections, room -> holder[0].roomChanged(room));
        this.matchmaker = new Matchmaker(config, connections, hosts, rooms);
        holder[0] = matchmaker;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lobby-logic");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(() -> run(this::tick), config.matchmakingIntervalMs,
                config.matchmakingIntervalMs, TimeUnit.MILLISECONDS);
    }

    /** Ids of the registered dedicated hosts, read on the logic thread. */
    public java.util.concurrent.CompletableFuture<java.util.List<String>> hostIds() {
        java.util.concurrent.CompletableFuture<java.util.List<String>> ids = new java.util.concurrent.CompletableFuture<>();
        execute(() -> ids.complete(hosts.hostIds()));
        return ids;
    }

    /** Runs {@code task} on the logic thread. */
    public void execute(Runnable task) {
        try {
            executor.execute(() -> run(task));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("lobby logic stopped; task dropped");
        }
    }

    private static void run(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.error("lobby logic task failed", e);
        }
    }

    public void onConnect(Connection connection) {
        String userId = connection.userId();
        Connection replaced = connections.put(connection);
        if (replaced != null && replaced != connection) {
            replaced.close(Connection.CLOSE_REPLACED, "replaced by a newer connection");
        }
        SessionState session = store.session(userId).orElse(null);
        boolean resumed = session != null;
        if (session == null) {
            session = new SessionState(userId, connection.identity().displayName(), connection.identity().roles());
        }
        session.connected = true;
        session.nodeId = store.nodeId();
        session.lastSeenMs = config.clock.millis();
        store.putSession(session);
        rooms.setConnected(session, true);
        ObjectNode ready = Messages.event("session.ready");
        ready.put("userId", userId);
        ready.put("displayName", session.displayName);
        ready.putPOJO("roles", session.roles);
        ready.put("resumed", resumed);
        RoomState room = session.roomId == null ? null : store.room(session.roomId).orElse(null);
        if (room != null) {
            ready.set("room", RoomService.snapshot(room, true));
        } else {
            ready.putNull("room");
        }
        if (session.matchId != null && store.match(session.matchId).isPresent()) {
            ready.put("matchId", session.matchId);
        }
        connection.send(ready);
    }

    public void onDisconnect(Connection connection) {
        if (!connections.remove(connection)) {
            return; // replaced by a newer connection of the same user: nothing to detach
        }
        SessionState session = store.session(connection.userId()).orElse(null);
        if (session == null) {
            return;
        }
        matchmaker.cancel(session.userId, "disconnected");
        if (!store.nodeId().equals(session.nodeId)) {
            return; // the user has already reconnected on another node
        }
        session.connected = false;
        session.nodeId = null;
        session.lastSeenMs = config.clock.millis();
        store.putSession(session);
        rooms.setConnected(session, false);
    }

    /** Handles one decoded client message. */
    public void onMessage(Connection connection, ObjectNode msg) {
        JsonNode rid = msg.get("rid");
        if (connections.get(connection.userId()) != connection) {
            return; // a replaced connection's late message
        }
        SessionState session = store.session(connection.userId()).orElse(null);
        if (session == null) {
            connection.send(Messages.error(rid, ErrorCode.INTERNAL, "session lost"));
            return;
        }
        try {
            ObjectNode data = dispatch(connection, session, msg.get("type").asText(), msg);
            if (rid != null && !rid.isNull()) {
                connection.send(Messages.ok(rid, data));
            }
        } catch (ProtocolException e) {
            connection.send(Messages.error(rid, e.code(), e.getMessage()));
        }
    }

    private ObjectNode dispatch(Connection connection, SessionState session, String type, ObjectNode msg) throws ProtocolException {
        switch (type) {
            case "ping": {
                ObjectNode data = Json.object();
                data.put("timeMs", config.clock.millis());
                return data;
            }
            case "session.refresh": {
                ObjectNode data = Json.object();
                String token = tokens.issue(session.userId, session.displayName, session.roles);
                data.put("token", token);
                data.put("expiresAtMs", config.clock.millis() + tokens.ttl().toMillis());
                return data;
            }
            case "room.create":
                return rooms.create(session, msg);
            case "room.list":
                return rooms.list(msg);
            case "room.join":
                return rooms.join(session, msg);
            case "room.leave":
                matchmaker.cancel(session.userId, "left room");
                rooms.requireLeave(session);
                return Json.object();
            case "room.ready":
                return rooms.ready(session, msg);
            case "room.set_properties":
                return rooms.setProperties(session, msg);
            case "room.kick":
                return rooms.kick(session, msg);
            case "signal":
                return signal(session, msg);
            case "queue.join":
                return matchmaker.join(session, msg);
            case "queue.leave":
                return matchmaker.leave(session);
            case "match.leave":
                session.matchId = null;
                store.putSession(session);
                return Json.object();
            case "turn.credentials":
                return turn(session);
            case "host.register":
                return hosts.register(session, msg);
            case "host.heartbeat":
                return hosts.heartbeat(session, msg);
            case "host.release":
                return hosts.release(session, msg);
            case "host.unregister":
                return hosts.unregister(session);
            default:
                throw new ProtocolException(ErrorCode.UNKNOWN_TYPE, "unknown message type '" + abbreviate(type) + "'");
        }
    }

    private ObjectNode signal(SessionState from, ObjectNode msg) throws ProtocolException {
        String to = Json.text(msg, "to", 64);
        String kind = Json.text(msg, "kind", 16);
        // "data" is the opaque kind: the endpoints encode descriptions and candidates themselves
        // (what an SDK-level signaling adapter sends); the other four are for typed clients.
        if (!kind.equals("offer") && !kind.equals("answer") && !kind.equals("candidate") && !kind.equals("bye")
                && !kind.equals("data")) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "'kind' must be offer, answer, candidate, bye or data");
        }
        JsonNode payloadNode = msg.get("payload");
        if (payloadNode != null && !payloadNode.isNull() && !payloadNode.isTextual()) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "'payload' must be a string");
        }
        String payload = payloadNode == null || payloadNode.isNull() ? "" : payloadNode.asText();
        if (payload.length() > config.maxSignalPayloadBytes) {
            throw new ProtocolException(ErrorCode.PAYLOAD_TOO_LARGE, "signal payload longer than " + config.maxSignalPayloadBytes);
        }
        String connectionId = Json.optionalText(msg, "connectionId", 64);
        if (to.equals(from.userId)) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "cannot signal yourself");
        }
        SessionState target = store.session(to).orElse(null);
        String scopeField;
        String scopeId;
        if (target != null && from.roomId != null && from.roomId.equals(target.roomId)) {
            scopeField = "roomId";
            scopeId = from.roomId;
        } else {
            MatchState shared = sharedMatch(from, to, target);
            if (shared == null) {
                throw new ProtocolException(ErrorCode.FORBIDDEN, "you may only signal members of your room or match");
            }
            scopeField = "matchId";
            scopeId = shared.matchId;
        }
        ObjectNode relay = Messages.event("signal");
        relay.put("from", from.userId); // overwritten by the server: a client cannot impersonate
        relay.put("fromName", from.displayName);
        relay.put("kind", kind);
        relay.put("payload", payload);
        if (connectionId != null) {
            relay.put("connectionId", connectionId);
        }
        relay.put(scopeField, scopeId);
        if (!connections.send(to, relay)) {
            throw new ProtocolException(ErrorCode.PEER_OFFLINE, to + " is not connected");
        }
        return Json.object();
    }

    private MatchState sharedMatch(SessionState from, String to, SessionState target) {
        if (from.matchId != null) {
            MatchState m = store.match(from.matchId).orElse(null);
            if (m != null && m.involves(to) && m.involves(from.userId)) {
                return m;
            }
        }
        if (target != null && target.matchId != null) {
            MatchState m = store.match(target.matchId).orElse(null);
            if (m != null && m.involves(from.userId) && m.involves(to)) {
                return m;
            }
        }
        return null;
    }

    private ObjectNode turn(SessionState session) throws ProtocolException {
        TurnCredentials turn = config.turn;
        if (turn == null) {
            throw new ProtocolException(ErrorCode.TURN_UNAVAILABLE, "this lobby has no TURN server configured");
        }
        return turnBody(turn.issue(session.userId));
    }

    /** The JSON form of TURN credentials, shared by the message and {@code GET /turn}. */
    static ObjectNode turnBody(TurnCredentials.Issued issued) {
        ObjectNode data = Json.object();
        data.put("username", issued.username());
        data.put("password", issued.password());
        data.put("ttlSeconds", issued.ttlSeconds());
        data.putPOJO("uris", issued.uris());
        return data;
    }

    /** Periodic work: form matches every tick; expire sessions, hosts and matches once a second. */
    private void tick() {
        long now = config.clock.millis();
        if (now - lastMaintenanceMs >= MAINTENANCE_INTERVAL_MS) {
            lastMaintenanceMs = now;
            maintain(now);
        }
        matchmaker.tick(now);
    }

    private void maintain(long now) {
        store.heartbeatNode(10_000);
        Map<String, Boolean> nodeAlive = new HashMap<>();
        for (SessionState session : store.sessions()) {
            if (session.connected && session.nodeId != null
                    && !nodeAlive.computeIfAbsent(session.nodeId, store::isNodeAlive)) {
                // Its node died without detaching it: start the grace period now.
                session.connected = false;
                session.nodeId = null;
                session.lastSeenMs = now;
                store.putSession(session);
            }
            if (!session.connected && now - session.lastSeenMs > config.sessionGraceMs) {
                rooms.leave(session, null);
                store.removeSession(session.userId);
            }
        }
        hosts.expire(now);
        for (MatchState match : store.matches()) {
            if (now - match.createdAtMs > config.matchTtlMs) {
                store.removeMatch(match.matchId);
            }
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
