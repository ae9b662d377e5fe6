package dev.netcode.lobby.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link LobbyStore} on Redis (Lettuce), so several lobby nodes share sessions, rooms, matches
 * and hosts, and a client can resume its session on any node.
 *
 * <pre>
 *   {ns}:session:{userId}  JSON SessionState     {ns}:sessions  SET of user ids
 *   {ns}:room:{roomId}     JSON RoomState        {ns}:rooms     SET of room ids
 *   {ns}:roomcode:{code}   room id
 *   {ns}:match:{matchId}   JSON MatchState       {ns}:matches   SET of match ids
 *   {ns}:host:{hostId}     JSON HostState        {ns}:hosts     SET of host ids
 *   {ns}:ticket:{id}       JSON TicketState      {ns}:tickets   SET of ticket ids
 *   {ns}:ticketuser:{userId}  ticket id
 *   {ns}:lead:{role}       node id holding the role, with a TTL (the matchmaker runs on one node)
 *   {ns}:node:{nodeId}     "1" with a TTL, refreshed by the node's tick (liveness)
 *   channel {ns}:route:{nodeId}   "userId\n{json}" messages for users connected to that node
 * </pre>
 *
 * Durable state lives only in keys; pub/sub carries only messages routed to a user connected to
 * another node, so a lost pub/sub message loses one event, never state.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Every call is a blocking round trip on the lobby-logic thread (never a Netty event loop);
 *       keep Redis close (same data centre) — at 0.2 ms per round trip one node does a few
 *       thousand state changes per second.</li>
 *   <li>Listing rooms and the once-a-second expiry scan read every room or session (one SMEMBERS
 *       and one MGET): fine for thousands, not for millions of records.</li>
 *   <li>Nodes update shared records read-modify-write without a cross-node lock: two nodes
 *       changing the same room at the same instant can lose one change (last writer wins).
 *       Membership changes of one room mostly come through one node in practice; a future version
 *       may use WATCH/MULTI.</li>
 *   <li>Tickets are shared, and only the node holding the "matchmaker" lead forms matches, so
 *       players queued on different nodes are matched together. Queue caps read every ticket:
 *       fine for thousands of waiting players, not for millions.</li>
 * </ul>
 */
public final class RedisLobbyStore implements LobbyStore {
    private static final Logger LOG = LoggerFactory.getLogger(RedisLobbyStore.class);
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisCommands<String, String> redis;
    private final StatefulRedisPubSubConnection<String, String> pubSub;
    private final String ns;
    private final String nodeId;
    private volatile BiConsumer<String, String> routed = (u, m) -> { };

    private RedisLobbyStore(RedisClient client, String namespace) {
        this.client = client;
        this.ns = namespace;
        byte[] id = new byte[6];
        new SecureRandom().nextBytes(id);
        this.nodeId = "n-" + HexFormat.of().formatHex(id);
        this.connection = client.connect();
        this.redis = connection.sync();
        this.pubSub = client.connectPubSub();
        pubSub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                int newline = message.indexOf('\n');
                if (newline > 0) {
                    routed.accept(message.substring(0, newline), message.substring(newline + 1));
                }
            }
        });
        pubSub.sync().subscribe(routeChannel(nodeId));
        heartbeatNode(10_000);
        LOG.info("lobby node {} using Redis namespace '{}'", nodeId, ns);
    }

    /**
     * Connects to Redis at {@code uri} (for example {@code redis://127.0.0.1:6379}); keys are
     * prefixed with {@code namespace} so several lobbies can share a Redis.
     */
    public static RedisLobbyStore connect(String uri, String namespace) {
        RedisURI redisUri = RedisURI.create(uri);
        redisUri.setTimeout(Duration.ofSeconds(5));
        RedisClient client = RedisClient.create(redisUri);
        try {
            return new RedisLobbyStore(client, namespace);
        } catch (RuntimeException e) {
            client.shutdown();
            throw e;
        }
    }

    private String key(String kind, String id) {
        return ns + ":" + kind + ":" + id;
    }

    private String routeChannel(String node) {
        return ns + ":route:" + node;
    }

    private <T> Optional<T> read(String kind, String id, Class<T> type) {
        String json = redis.get(key(kind, id));
        return json == null ? Optional.empty() : Optional.of(decode(json, type));
    }

    private void write(String kind, String setName, String id, Object value) {
        redis.set(key(kind, id), encode(value));
        redis.sadd(ns + ":" + setName, id);
    }

    private void delete(String kind, String setName, String id) {
        redis.del(key(kind, id));
        redis.srem(ns + ":" + setName, id);
    }

    private <T> Collection<T> readAll(String kind, String setName, Class<T> type) {
        Set<String> ids = redis.smembers(ns + ":" + setName);
        List<T> result = new ArrayList<>(ids.size());
        if (ids.isEmpty()) {
            return result;
        }
        String[] keys = ids.stream().map(id -> key(kind, id)).toArray(String[]::new);
        for (KeyValue<String, String> kv : redis.mget(keys)) {
            if (kv.hasValue()) {
                result.add(decode(kv.getValue(), type));
            }
        }
        return result;
    }

    private static String encode(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("store records always serialize", e);
        }
    }

    private static <T> T decode(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt " + type.getSimpleName() + " in Redis", e);
        }
    }

    @Override
    public Optional<SessionState> session(String userId) {
        return read("session", userId, SessionState.class);
    }

    @Override
    public void putSession(SessionState session) {
        write("session", "sessions", session.userId, session);
    }

    @Override
    public void removeSession(String userId) {
        delete("session", "sessions", userId);
    }

    @Override
    public Collection<SessionState> sessions() {
        return readAll("session", "sessions", SessionState.class);
    }

    @Override
    public Optional<RoomState> room(String roomId) {
        return read("room", roomId, RoomState.class);
    }

    @Override
    public Optional<RoomState> roomByJoinCode(String joinCode) {
        String roomId = redis.get(key("roomcode", joinCode));
        return roomId == null ? Optional.empty() : room(roomId);
    }

    @Override
    public void putRoom(RoomState room) {
        write("room", "rooms", room.roomId, room);
        if (room.joinCode != null) {
            redis.set(key("roomcode", room.joinCode), room.roomId);
        }
    }

    @Override
    public void removeRoom(String roomId) {
        room(roomId).ifPresent(r -> {
            if (r.joinCode != null) {
                redis.del(key("roomcode", r.joinCode));
            }
        });
        delete("room", "rooms", roomId);
    }

    @Override
    public Collection<RoomState> rooms() {
        return readAll("room", "rooms", RoomState.class);
    }

    @Override
    public int roomCount() {
        return redis.scard(ns + ":rooms").intValue();
    }

    @Override
    public Optional<MatchState> match(String matchId) {
        return read("match", matchId, MatchState.class);
    }

    @Override
    public void putMatch(MatchState match) {
        write("match", "matches", match.matchId, match);
    }

    @Override
    public void removeMatch(String matchId) {
        delete("match", "matches", matchId);
    }

    @Override
    public Collection<MatchState> matches() {
        return readAll("match", "matches", MatchState.class);
    }

    @Override
    public Optional<HostState> host(String hostId) {
        return read("host", hostId, HostState.class);
    }

    @Override
    public void putHost(HostState host) {
        write("host", "hosts", host.hostId, host);
    }

    @Override
    public void removeHost(String hostId) {
        delete("host", "hosts", hostId);
    }

    @Override
    public Collection<HostState> hosts() {
        return readAll("host", "hosts", HostState.class);
    }

    @Override
    public Optional<TicketState> ticket(String ticketId) {
        return read("ticket", ticketId, TicketState.class);
    }

    @Override
    public Optional<TicketState> ticketOfUser(String userId) {
        String id = redis.get(key("ticketuser", userId));
        return id == null ? Optional.empty() : ticket(id);
    }

    @Override
    public void putTicket(TicketState ticket) {
        write("ticket", "tickets", ticket.ticketId, ticket);
        for (String userId : ticket.userIds) {
            redis.set(key("ticketuser", userId), ticket.ticketId);
        }
    }

    @Override
    public void removeTicket(TicketState ticket) {
        delete("ticket", "tickets", ticket.ticketId);
        for (String userId : ticket.userIds) {
            // Only if it still points at this ticket: the user may have queued again meanwhile.
            redis.eval("if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end",
                    ScriptOutputType.INTEGER, new String[] {key("ticketuser", userId)}, ticket.ticketId);
        }
    }

    @Override
    public Collection<TicketState> tickets() {
        return readAll("ticket", "tickets", TicketState.class);
    }

    @Override
    public boolean tryLead(String role, long ttlMs) {
        String leadKey = key("lead", role);
        if ("OK".equals(redis.set(leadKey, nodeId, SetArgs.Builder.nx().px(ttlMs)))) {
            return true;
        }
        Long renewed = redis.eval("if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) "
                + "else return 0 end", ScriptOutputType.INTEGER, new String[] {leadKey}, nodeId, Long.toString(ttlMs));
        return renewed != null && renewed == 1L;
    }

    @Override
    public String nodeId() {
        return nodeId;
    }

    @Override
    public boolean publish(String targetNodeId, String userId, String messageJson) {
        return redis.publish(routeChannel(targetNodeId), userId + "\n" + messageJson) > 0;
    }

    @Override
    public void onRouted(BiConsumer<String, String> handler) {
        routed = handler;
    }

    @Override
    public void heartbeatNode(long ttlMs) {
        redis.set(key("node", nodeId), "1", SetArgs.Builder.px(ttlMs));
    }

    @Override
    public boolean isNodeAlive(String node) {
        return nodeId.equals(node) || redis.exists(key("node", node)) > 0;
    }

    @Override
    public void close() {
        try {
            redis.del(key("node", nodeId));
            redis.eval("if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end",
                    ScriptOutputType.INTEGER, new String[] {key("lead", "matchmaker")}, nodeId);
        } catch (RuntimeException e) {
            LOG.debug("could not remove node key: {}", e.toString());
        }
        pubSub.close();
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
