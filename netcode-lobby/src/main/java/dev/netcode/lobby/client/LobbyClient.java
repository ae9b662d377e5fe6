package dev.netcode.lobby.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Java lobby client, for games and for dedicated hosts. Asynchronous: every request returns a
 * {@link CompletableFuture} completed with the reply (or failed with {@link LobbyException});
 * pushed events go to a {@link LobbyListener}.
 *
 * <pre>{@code
 * LobbyClient lobby = LobbyClient.connect(URI.create("http://127.0.0.1:7350"),
 *         Map.of("method", "guest", "name", "alice"), listener).join();
 * RoomInfo room = lobby.createRoom("Alice's game", true, 4, Map.of("map", "dust")).join();
 * lobby.setSignalListener((from, payload) -> rtc.onSignal(from, payload));
 * lobby.sendSignal(otherUserId, offerJson);           // relayed only within your room or match
 * lobby.joinQueue("duel", "eu", 1500, false);         // listener.onMatchFound(...) later
 * }</pre>
 *
 * A dedicated host process logs in with the host secret, registers, and checks join tokens:
 *
 * <pre>{@code
 * LobbyClient lobby = LobbyClient.connect(uri, Map.of("method", "host", "secret", hostSecret, "name", "eu-1"),
 *         new LobbyListener() {
 *             public void onSeatReservation(SeatReservation r) { expectPlayers(r); }
 *             public void onSignal(SignalMessage s) { answerOffer(s); }    // players signal the host
 *         }).join();
 * HostRegistration reg = lobby.registerHost("eu", 16, "203.0.113.5:7000", this::seatsInUse).join();
 * JoinTokenVerifier verifier = reg.verifier(Clock.systemUTC());
 * JoinClaims claims = verifier.verify(tokenFromPlayer);              // TokenException if forged/expired
 * lobby.releaseMatch(claims.matchId());                              // when the match ends
 * }</pre>
 *
 * <h2>Reconnect</h2>
 * If the WebSocket drops (not closed by you, not replaced by a newer login, not closed for a
 * protocol violation), the client reconnects with its session token, backing off from 250 ms up to
 * 5 s. The server resumes the session within its grace period (default 30 s), including room
 * membership; {@link LobbyListener#onReconnected} tells you. Given several nodes
 * ({@link #connect(List, Map, LobbyListener)}), failed attempts move on to the next node. The token is refreshed automatically
 * at 80% of its lifetime. A registered dedicated host is re-registered after a reconnect, and also
 * when a heartbeat finds it dropped from the registry (it was silent longer than the lobby's host
 * timeout). If the lobby still had it, the host id and join key stay; if it had timed out, the
 * lobby gives it a new host id and a new join key, and {@link LobbyListener#onHostRegistered}
 * delivers them: a host must verify join tokens with the key of its latest registration.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Requests made while disconnected fail at once with {@code disconnected}; retry after
 *       {@code onReconnected}. Matchmaking tickets do not survive a disconnect: queue again.</li>
 *   <li>Listener methods run on the client's I/O thread; never block in them, and never
 *       {@code join()} a future of this client inside one.</li>
 * </ul>
 */
public final class LobbyClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LobbyClient.class);
    static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final long PING_INTERVAL_MS = 30_000;

    /** Lobby nodes to try, in order; reconnects move to the next one after a failed attempt. */
    private final List<URI> nodes;
    private volatile int nodeIndex;
    private final LobbyListener listener;
    private final HttpClient http;
    private final ScheduledExecutorService executor;
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicLong nextRid = new AtomicLong(1);
    private final Object sendLock = new Object();

    private volatile String token;
    private volatile long tokenExpiresAtMs;
    private volatile String userId;
    private volatile String displayName;
    private volatile WebSocket socket;
    private volatile boolean closed;
    private volatile boolean connectedOnce;
    private volatile RoomInfo lastRoom;
    private CompletableFuture<WebSocket> sendChain = CompletableFuture.completedFuture(null);
    private CompletableFuture<LobbyClient> firstConnect;
    private int reconnectAttempt;
    private ScheduledFuture<?> pingTask;
    private ScheduledFuture<?> refreshTask;
    private ScheduledFuture<?> heartbeatTask;
    private volatile ObjectNode hostRegisterRequest;
    private volatile IntSupplier hostLoad = () -> 0;
    private volatile SignalListener signalListener;

    private LobbyClient(List<URI> nodes, LobbyListener listener) {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("need at least one lobby URI");
        }
        this.nodes = List.copyOf(nodes);
        this.listener = listener == null ? new LobbyListener() {} : listener;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lobby-client");
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder().executor(executor).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /**
     * Logs in with {@code loginFields} (for example {@code method=guest, name=alice}, see
     * PROTOCOL.md) and opens the WebSocket. Completes once the session is ready.
     *
     * @param baseUri {@code http://host:port} (or https) of the lobby
     */
    public static CompletableFuture<LobbyClient> connect(URI baseUri, Map<String, String> loginFields, LobbyListener listener) {
        return connect(List.of(baseUri), loginFields, listener);
    }

    /**
     * Like {@link #connect(URI, Map, LobbyListener)} with several lobby nodes sharing a store
     * (Redis): logs in on the first; when a reconnect attempt fails, the next attempt goes to the
     * next node, so the session moves to a surviving node.
     */
    public static CompletableFuture<LobbyClient> connect(List<URI> nodes, Map<String, String> loginFields, LobbyListener listener) {
        LobbyClient client = new LobbyClient(nodes, listener);
        return login(client.http, nodes.get(0), loginFields).thenCompose(body -> {
            client.acceptToken(body);
            return client.open();
        }).whenComplete((c, e) -> {
            if (e != null) {
                client.close();
            }
        });
    }

    /** Connects with an existing session token (for example one saved before a restart). */
    public static CompletableFuture<LobbyClient> resume(URI baseUri, String token, LobbyListener listener) {
        LobbyClient client = new LobbyClient(List.of(baseUri), listener);
        client.token = token;
        client.tokenExpiresAtMs = Long.MAX_VALUE;
        return client.open().whenComplete((c, e) -> {
            if (e != null) {
                client.close();
            }
        });
    }

    /** {@code POST /login} alone: the JSON reply ({@code token, userId, displayName, roles, expiresAtMs}). */
    public static CompletableFuture<JsonNode> login(HttpClient http, URI baseUri, Map<String, String> loginFields) {
        return post(http, baseUri.resolve("/login"), MAPPER.valueToTree(loginFields));
    }

    /** {@code POST /refresh} alone: exchanges a valid token for a fresh one. */
    public static CompletableFuture<JsonNode> refresh(HttpClient http, URI baseUri, String token) {
        ObjectNode body = MAPPER.createObjectNode().put("token", token);
        return post(http, baseUri.resolve("/refresh"), body);
    }

    private static CompletableFuture<JsonNode> post(HttpClient http, URI uri, JsonNode body) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(body))).build();
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            JsonNode json;
            try {
                json = MAPPER.readTree(response.body());
            } catch (IOException e) {
                throw new LobbyException("bad_response", "HTTP " + response.statusCode() + " with a non-JSON body");
            }
            if (response.statusCode() != 200) {
                JsonNode error = json.path("error");
                throw new LobbyException(error.path("code").asText("http_" + response.statusCode()), error.path("message").asText(""));
            }
            return json;
        });
    }

    private void acceptToken(JsonNode body) {
        token = body.get("token").asText();
        tokenExpiresAtMs = body.path("expiresAtMs").asLong(Long.MAX_VALUE);
        if (body.has("userId")) {
            userId = body.get("userId").asText();
            displayName = body.path("displayName").asText(userId);
        }
    }

    private CompletableFuture<LobbyClient> open() {
        CompletableFuture<LobbyClient> ready = new CompletableFuture<>();
        synchronized (sendLock) {
            firstConnect = ready;
        }
        URI baseUri = nodes.get(nodeIndex % nodes.size());
        String scheme = baseUri.getScheme().equals("https") ? "wss" : "ws";
        URI ws = URI.create(scheme + "://" + baseUri.getRawAuthority() + "/ws?token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8));
        http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10)).buildAsync(ws, new SocketListener())
                .whenComplete((webSocket, failure) -> {
                    if (failure != null) {
                        ready.completeExceptionally(failure);
                    }
                });
        return ready;
    }

    // ---- requests --------------------------------------------------------------------------

    /**
     * Sends {@code {"type": type, "rid": n, ...fields}} and completes with the reply's
     * {@code data}. The building block for every typed method below.
     */
    public CompletableFuture<JsonNode> request(String type, ObjectNode fields) {
        long rid = nextRid.getAndIncrement();
        ObjectNode message = fields == null ? MAPPER.createObjectNode() : fields.deepCopy();
        message.put("type", type);
        message.put("rid", rid);
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(rid, reply);
        send(message).whenComplete((ignored, e) -> {
            if (e != null) {
                pending.remove(rid);
                reply.completeExceptionally(e);
            }
        });
        return reply;
    }

    /** Sends a message that expects no reply (errors still arrive via {@link LobbyListener#onError}). */
    public CompletableFuture<Void> tell(String type, ObjectNode fields) {
        ObjectNode message = fields == null ? MAPPER.createObjectNode() : fields.deepCopy();
        message.put("type", type);
        return send(message);
    }

    private CompletableFuture<Void> send(ObjectNode message) {
        String text;
        try {
            text = MAPPER.writeValueAsString(message);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        synchronized (sendLock) {
            WebSocket ws = socket;
            if (ws == null || closed || ws.isOutputClosed()) {
                return CompletableFuture.failedFuture(new LobbyException(LobbyException.DISCONNECTED, "not connected"));
            }
            // java.net.http allows one outstanding send at a time: chain them.
            CompletableFuture<WebSocket> next = sendChain.handle((w, e) -> ws).thenCompose(w -> w.sendText(text, true));
            sendChain = next;
            return next.thenApply(w -> null);
        }
    }

    public CompletableFuture<RoomInfo> createRoom(String name, boolean isPublic, int maxPlayers, Map<String, String> properties) {
        ObjectNode m = MAPPER.createObjectNode();
        if (name != null) {
            m.put("name", name);
        }
        m.put("public", isPublic);
        m.put("maxPlayers", maxPlayers);
        m.set("properties", MAPPER.valueToTree(properties));
        return request("room.create", m).thenApply(this::room);
    }

    /** Public rooms whose properties include all of {@code propertyFilter}; optionally only those with space. */
    public CompletableFuture<List<RoomInfo>> listRooms(Map<String, String> propertyFilter, boolean hasSpace) {
        ObjectNode m = MAPPER.createObjectNode();
        m.set("properties", MAPPER.valueToTree(propertyFilter));
        m.put("hasSpace", hasSpace);
        return request("room.list", m).thenApply(data -> {
            try {
                return List.of(MAPPER.treeToValue(data.get("rooms"), RoomInfo[].class));
            } catch (IOException e) {
                throw new LobbyException("bad_response", e.getMessage());
            }
        });
    }

    public CompletableFuture<RoomInfo> joinRoom(String roomId) {
        return request("room.join", MAPPER.createObjectNode().put("roomId", roomId)).thenApply(this::room);
    }

    public CompletableFuture<RoomInfo> joinRoomByCode(String joinCode) {
        return request("room.join", MAPPER.createObjectNode().put("joinCode", joinCode)).thenApply(this::room);
    }

    public CompletableFuture<Void> leaveRoom() {
        return request("room.leave", null).thenApply(d -> {
            lastRoom = null;
            return null;
        });
    }

    public CompletableFuture<RoomInfo> setReady(boolean ready) {
        return request("room.ready", MAPPER.createObjectNode().put("ready", ready)).thenApply(this::room);
    }

    /** Host only. A null value removes that property. */
    public CompletableFuture<RoomInfo> setRoomProperties(Map<String, String> changes) {
        ObjectNode m = MAPPER.createObjectNode();
        m.set("properties", MAPPER.valueToTree(changes));
        return request("room.set_properties", m).thenApply(this::room);
    }

    /** Host only. */
    public CompletableFuture<RoomInfo> kick(String userId) {
        return request("room.kick", MAPPER.createObjectNode().put("userId", userId)).thenApply(this::room);
    }

    /**
     * Relays a typed signaling message to {@code toUserId} (a member of your room or match);
     * {@code kind} is {@code offer}, {@code answer}, {@code candidate}, {@code bye} or
     * {@value SignalMessage#KIND_DATA} (see {@link #sendSignal}, the simpler opaque form). Completes
     * when the server has relayed it; fails with {@code forbidden} or {@code peer_offline}.
     */
    public CompletableFuture<Void> signal(String toUserId, String kind, String payload) {
        return signal(toUserId, kind, payload, null);
    }

    public CompletableFuture<Void> signal(String toUserId, String kind, String payload, String connectionId) {
        ObjectNode m = MAPPER.createObjectNode().put("to", toUserId).put("kind", kind).put("payload", payload);
        if (connectionId != null) {
            m.put("connectionId", connectionId);
        }
        return request("signal", m).thenApply(d -> null);
    }

    /**
     * Sends an opaque signaling payload to {@code toPeerId} (the user id of a member of your room
     * or match): the sending half of using the lobby as WebRTC signaling. The peer receives it
     * through its {@link SignalListener} with your user id as {@code from}. The payload is relayed
     * verbatim (kind {@value SignalMessage#KIND_DATA}); encode offers, answers and candidates in it
     * as you like, for example as JSON.
     *
     * @return completes when the server relayed it; fails with {@link LobbyException} {@code forbidden}
     *         (not in your room or match), {@code peer_offline}, {@code payload_too_large},
     *         {@code rate_limited} or {@code disconnected}
     */
    public CompletableFuture<Void> sendSignal(String toPeerId, String payload) {
        return signal(toPeerId, SignalMessage.KIND_DATA, payload == null ? "" : payload, null);
    }

    /**
     * Sets the listener for payloads sent with {@link #sendSignal} by your room or match peers
     * (replacing any previous one; {@code null} removes it). See {@link SignalListener}.
     */
    public void setSignalListener(SignalListener listener) {
        this.signalListener = listener;
    }

    /** Queues alone, or (host of a room, {@code party = true}) with every room member. */
    public CompletableFuture<Void> joinQueue(String mode, String region, double skill, boolean party) {
        ObjectNode m = MAPPER.createObjectNode().put("mode", mode).put("region", region).put("skill", skill).put("party", party);
        return request("queue.join", m).thenApply(d -> null);
    }

    public CompletableFuture<Void> leaveQueue() {
        return request("queue.leave", null).thenApply(d -> null);
    }

    public CompletableFuture<TurnServer> turnCredentials() {
        return request("turn.credentials", null).thenApply(d -> convert(d, TurnServer.class));
    }

    /** Exchanges the session token for a fresh one (also done automatically). */
    public CompletableFuture<String> refreshToken() {
        return request("session.refresh", null).thenApply(d -> {
            token = d.get("token").asText();
            tokenExpiresAtMs = d.path("expiresAtMs").asLong(Long.MAX_VALUE);
            scheduleRefresh();
            return token;
        });
    }

    /**
     * Dedicated hosts (session with the host role): registers and then heartbeats automatically,
     * reporting {@code load} each time.
     */
    public CompletableFuture<HostRegistration> registerHost(String region, int capacity, String address, IntSupplier load) {
        ObjectNode m = MAPPER.createObjectNode().put("region", region).put("capacity", capacity).put("address", address);
        hostRegisterRequest = m;
        hostLoad = load == null ? () -> 0 : load;
        return request("host.register", m).thenApply(d -> {
            HostRegistration registration = convert(d, HostRegistration.class);
            scheduleHeartbeat(registration.heartbeatIntervalMs());
            return registration;
        });
    }

    /**
     * Dedicated hosts: leaves the registry now (on a clean shutdown) instead of when the heartbeat
     * times out, and stops heartbeating; no new matches are placed on this host.
     */
    public CompletableFuture<Void> unregisterHost() {
        hostRegisterRequest = null;
        cancel(heartbeatTask);
        return request("host.unregister", null).thenApply(d -> null);
    }

    /** Dedicated hosts: the match ended, its seats are free again. */
    public CompletableFuture<Void> releaseMatch(String matchId) {
        return request("host.release", MAPPER.createObjectNode().put("matchId", matchId)).thenApply(d -> null);
    }

    public String userId() {
        return userId;
    }

    public String displayName() {
        return displayName;
    }

    /** The current session token (changes on refresh). */
    public String token() {
        return token;
    }

    /** The room from the last reply or {@code room.updated}, or null. */
    public RoomInfo currentRoom() {
        return lastRoom;
    }

    public boolean isConnected() {
        WebSocket ws = socket;
        return ws != null && !ws.isInputClosed() && !closed;
    }

    private RoomInfo room(JsonNode data) {
        RoomInfo room = convert(data, RoomInfo.class);
        lastRoom = room;
        return room;
    }

    private static <T> T convert(JsonNode node, Class<T> type) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (IOException e) {
            throw new LobbyException("bad_response", e.getMessage());
        }
    }

    // ---- incoming ----------------------------------------------------------------------------

    private void onMessage(String text) {
        JsonNode msg;
        try {
            msg = MAPPER.readTree(text);
        } catch (IOException e) {
            LOG.warn("lobby sent invalid JSON");
            return;
        }
        String type = msg.path("type").asText();
        JsonNode rid = msg.get("rid");
        if (rid != null && (type.equals("ok") || type.equals("error"))) {
            CompletableFuture<JsonNode> reply = pending.remove(rid.asLong());
            if (reply != null) {
                if (type.equals("ok")) {
                    reply.complete(msg.path("data"));
                } else {
                    reply.completeExceptionally(new LobbyException(msg.path("code").asText(), msg.path("message").asText()));
                }
            }
            return;
        }
        try {
            dispatchEvent(type, msg);
        } catch (RuntimeException e) {
            LOG.warn("lobby listener failed on {}", type, e);
        }
    }

    private void dispatchEvent(String type, JsonNode msg) {
        switch (type) {
            case "session.ready" -> onSessionReady(msg);
            case "room.updated" -> {
                RoomInfo room = convert(msg.get("room"), RoomInfo.class);
                lastRoom = room;
                listener.onRoomUpdated(room);
            }
            case "room.kicked" -> {
                lastRoom = null;
                listener.onKicked(msg.path("roomId").asText(), msg.path("by").asText());
            }
            case "signal" -> {
                SignalMessage signal = convert(msg, SignalMessage.class);
                SignalListener data = signalListener;
                if (data != null && signal.isData() && signal.from() != null) {
                    try {
                        data.onSignal(signal.from(), signal.payload() == null ? "" : signal.payload());
                    } catch (RuntimeException e) {
                        LOG.warn("signal listener failed", e); // the LobbyListener still sees the signal
                    }
                }
                listener.onSignal(signal);
            }
            case "match.found" -> listener.onMatchFound(convert(msg.get("match"), MatchInfo.class));
            case "queue.left" -> listener.onQueueLeft(msg.path("reason").asText(), msg.path("by").asText());
            case "queue.joined" -> { } // a party member queued us; the match arrives as match.found
            case "host.reservation" -> listener.onSeatReservation(convert(msg, SeatReservation.class));
            case "error" -> listener.onError(msg.path("code").asText(), msg.path("message").asText());
            default -> LOG.debug("ignoring lobby event {}", type);
        }
    }

    private void onSessionReady(JsonNode msg) {
        userId = msg.path("userId").asText(userId);
        displayName = msg.path("displayName").asText(displayName);
        JsonNode roomNode = msg.get("room");
        RoomInfo room = roomNode == null || roomNode.isNull() ? null : convert(roomNode, RoomInfo.class);
        lastRoom = room;
        reconnectAttempt = 0;
        schedulePing();
        scheduleRefresh();
        CompletableFuture<LobbyClient> ready;
        synchronized (sendLock) {
            ready = firstConnect;
            firstConnect = null;
        }
        boolean reconnect = connectedOnce;
        connectedOnce = true;
        if (reconnect) {
            registerAgain();
            listener.onReconnected(room);
        }
        if (ready != null) {
            ready.complete(this);
        }
    }

    private void onClosed(int code, String reason) {
        synchronized (sendLock) {
            socket = null;
        }
        cancel(pingTask);
        cancel(heartbeatTask);
        for (Long rid : List.copyOf(pending.keySet())) {
            CompletableFuture<JsonNode> f = pending.remove(rid);
            if (f != null) {
                f.completeExceptionally(new LobbyException(LobbyException.DISCONNECTED, "connection closed (" + code + ")"));
            }
        }
        CompletableFuture<LobbyClient> ready;
        synchronized (sendLock) {
            ready = firstConnect;
            firstConnect = null;
        }
        // Not after a protocol violation (1003, 1008, 1009: reconnecting would repeat it) or when
        // a newer connection of the same user replaced this one (4001).
        boolean reconnect = !closed && connectedOnce && code != 4001 && code != 1008 && code != 1003 && code != 1009;
        if (ready != null && !connectedOnce) {
            ready.completeExceptionally(new LobbyException(LobbyException.DISCONNECTED, "closed before ready (" + code + " " + reason + ")"));
        }
        if (!closed) {
            listener.onDisconnected(code, reason, reconnect);
        }
        if (reconnect) {
            scheduleReconnect();
        }
    }

    private void scheduleReconnect() {
        long delayMs = Math.min(5_000, 250L << Math.min(reconnectAttempt, 5));
        reconnectAttempt++;
        executor.schedule(() -> {
            if (closed) {
                return;
            }
            open().whenComplete((c, e) -> {
                if (e != null && !closed) {
                    LOG.debug("lobby reconnect failed: {}", e.toString());
                    if (isFatal(e)) {
                        listener.onDisconnected(1008, "reconnect refused: " + e.getMessage(), false);
                    } else {
                        nodeIndex++; // try the next node (a no-op with a single node)
                        scheduleReconnect();
                    }
                }
            });
        }, delayMs, TimeUnit.MILLISECONDS);
    }

    private static boolean isFatal(Throwable e) {
        // java.net.http reports a refused upgrade (HTTP 401: bad or expired token) as WebSocketHandshakeException.
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof java.net.http.WebSocketHandshakeException handshake) {
                return handshake.getResponse() != null && handshake.getResponse().statusCode() == 401;
            }
        }
        return false;
    }

    private void schedulePing() {
        cancel(pingTask);
        pingTask = executor.scheduleWithFixedDelay(() -> tell("ping", null), PING_INTERVAL_MS, PING_INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    private void scheduleRefresh() {
        cancel(refreshTask);
        long expires = tokenExpiresAtMs;
        if (expires == Long.MAX_VALUE) {
            return;
        }
        long lifetime = expires - System.currentTimeMillis();
        long delay = Math.max(1_000, lifetime * 4 / 5);
        refreshTask = executor.schedule(() -> refreshToken().whenComplete((t, e) -> {
            if (e != null) {
                LOG.debug("token refresh failed: {}", e.toString());
            }
        }), delay, TimeUnit.MILLISECONDS);
    }

    /**
     * Registers the host again with its last request (after a reconnect, or when the lobby dropped
     * it), restarts the heartbeat (a disconnect cancelled it) and hands the reply to the listener:
     * a host that had timed out comes back with a new host id and join key.
     */
    private void registerAgain() {
        ObjectNode m = hostRegisterRequest;
        if (m == null) {
            return;
        }
        request("host.register", m).whenComplete((d, e) -> {
            if (e != null) {
                LOG.warn("host re-registration failed: {}", e.toString());
                return;
            }
            if (hostRegisterRequest == null) {
                return; // unregisterHost() raced the reply
            }
            HostRegistration registration = convert(d, HostRegistration.class);
            scheduleHeartbeat(registration.heartbeatIntervalMs());
            listener.onHostRegistered(registration);
        });
    }

    private void scheduleHeartbeat(long intervalMs) {
        cancel(heartbeatTask);
        // A request, not a tell: the reply says whether the lobby still has this host. A host that
        // was silent past the timeout (a long pause, a stalled network) was dropped from the
        // registry while its WebSocket stayed up; it registers again instead of heartbeating into
        // the void and never being given a match.
        heartbeatTask = executor.scheduleWithFixedDelay(() -> request("host.heartbeat",
                MAPPER.createObjectNode().put("load", hostLoad.getAsInt())).whenComplete((d, e) -> {
                    Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
                    if (cause instanceof LobbyException le && "not_registered".equals(le.code())) {
                        LOG.info("the lobby dropped this host from its registry; registering again");
                        registerAgain();
                    }
                }), intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }

    private static void cancel(ScheduledFuture<?> task) {
        if (task != null) {
            task.cancel(false);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        WebSocket ws;
        synchronized (sendLock) {
            ws = socket;
        }
        if (ws != null) {
            try {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                ws.abort();
            }
        }
        for (CompletableFuture<JsonNode> f : pending.values()) {
            f.completeExceptionally(new LobbyException(LobbyException.DISCONNECTED, "client closed"));
        }
        pending.clear();
        executor.shutdownNow();
    }

    /** Reassembles fragmented text and requests one message at a time (backpressure). */
    private final class SocketListener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            // Set here, not when buildAsync completes: session.ready may be delivered before that.
            synchronized (sendLock) {
                socket = webSocket;
                sendChain = CompletableFuture.completedFuture(webSocket);
            }
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                onMessage(text);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            onClosed(statusCode, reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            LOG.debug("lobby socket error: {}", error.toString());
            onClosed(1006, String.valueOf(error.getMessage()));
        }
    }
}
