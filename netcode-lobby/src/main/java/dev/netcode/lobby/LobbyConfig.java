package dev.netcode.lobby;

import dev.netcode.lobby.store.InMemoryLobbyStore;
import dev.netcode.lobby.store.LobbyStore;
import dev.netcode.lobby.turn.TurnCredentials;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a {@link LobbyServer} can be told, validated when {@link Builder#build()} is called so
 * a bad value fails at startup, not under load. Every limit a client can push against is here.
 *
 * <pre>{@code
 * LobbyConfig config = LobbyConfig.builder()
 *         .port(7350)
 *         .tokenKey(secretBytesFromYourVault)          // share it between lobby nodes
 *         .queue(QueueConfig.of("duel", 2, 2, QueueConfig.HostMode.DEDICATED_OR_P2P))
 *         .build();
 * }</pre>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>The default token key is random per process: tokens die with the process. Set
 *       {@link Builder#tokenKey} for restarts and for several nodes.</li>
 *   <li>{@code maxFrameBytes} must leave room for {@code maxSignalPayloadBytes} plus the JSON
 *       envelope; {@link Builder#build()} checks it.</li>
 * </ul>
 */
public final class LobbyConfig {
    public final String bindAddress;
    public final int port;
    public final byte[] tokenKey;
    public final Duration sessionTokenTtl;
    public final long sessionGraceMs;
    public final int maxFrameBytes;
    public final int maxSignalPayloadBytes;
    public final double messagesPerSecond;
    public final int messageBurst;
    public final int floodRejectLimit;
    public final int outboundQueueBytes;
    public final int socketSendBufferBytes;
    public final int maxConnections;
    public final double loginsPerMinutePerIp;
    public final int loginBurstPerIp;
    public final int maxRooms;
    public final int maxRoomPlayers;
    public final int maxRoomProperties;
    public final int maxPropertyKeyChars;
    public final int maxPropertyValueChars;
    public final int maxListResults;
    public final Map<String, QueueConfig> queues;
    public final int maxTicketsPerQueue;
    public final int maxQueues;
    public final long matchmakingIntervalMs;
    public final long matchTtlMs;
    public final long hostHeartbeatIntervalMs;
    public final long hostTimeoutMs;
    public final Duration joinTokenTtl;
    public final TurnCredentials turn;
    public final Authenticator authenticator;
    public final LobbyStore store;
    public final Clock clock;

    private LobbyConfig(Builder b) {
        bindAddress = b.bindAddress;
        port = b.port;
        tokenKey = b.tokenKey.clone();
        sessionTokenTtl = b.sessionTokenTtl;
        sessionGraceMs = b.sessionGraceMs;
        maxFrameBytes = b.maxFrameBytes;
        maxSignalPayloadBytes = b.maxSignalPayloadBytes;
        messagesPerSecond = b.messagesPerSecond;
        messageBurst = b.messageBurst;
        floodRejectLimit = b.floodRejectLimit;
        outboundQueueBytes = b.outboundQueueBytes;
        socketSendBufferBytes = b.socketSendBufferBytes;
        maxConnections = b.maxConnections;
        loginsPerMinutePerIp = b.loginsPerMinutePerIp;
        loginBurstPerIp = b.loginBurstPerIp;
        maxRooms = b.maxRooms;
        maxRoomPlayers = b.maxRoomPlayers;
        maxRoomProperties = b.maxRoomProperties;
        maxPropertyKeyChars = b.maxPropertyKeyChars;
        maxPropertyValueChars = b.maxPropertyValueChars;
        maxListResults = b.maxListResults;
        queues = Map.copyOf(b.queues);
        maxTicketsPerQueue = b.maxTicketsPerQueue;
        maxQueues = b.maxQueues;
        matchmakingIntervalMs = b.matchmakingIntervalMs;
        matchTtlMs = b.matchTtlMs;
        hostHeartbeatIntervalMs = b.hostHeartbeatIntervalMs;
        hostTimeoutMs = b.hostTimeoutMs;
        joinTokenTtl = b.joinTokenTtl;
        turn = b.turn;
        authenticator = b.authenticator;
        store = b.store;
        clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder with production defaults; see each setter. */
    public static final class Builder {
        private String bindAddress = "0.0.0.0";
        private int port = 0;
        private byte[] tokenKey;
        private Duration sessionTokenTtl = Duration.ofHours(1);
        private long sessionGraceMs = 30_000;
        private int maxFrameBytes = 64 * 1024;
        private int maxSignalPayloadBytes = 32 * 1024;
        private double messagesPerSecond = 20;
        private int messageBurst = 40;
        private int floodRejectLimit = 50;
        private int outboundQueueBytes = 1024 * 1024;
        private int socketSendBufferBytes = 0;
        private int maxConnections = 50_000;
        private double loginsPerMinutePerIp = 30;
        private int loginBurstPerIp = 10;
        private int maxRooms = 10_000;
        private int maxRoomPlayers = 64;
        private int maxRoomProperties = 32;
        private int maxPropertyKeyChars = 64;
        private int maxPropertyValueChars = 1024;
        private int maxListResults = 100;
        private final Map<String, QueueConfig> queues = new LinkedHashMap<>();
        private int maxTicketsPerQueue = 10_000;
        private int maxQueues = 256;
        private long matchmakingIntervalMs = 250;
        private long matchTtlMs = 3_600_000;
        private long hostHeartbeatIntervalMs = 5_000;
        private long hostTimeoutMs = 15_000;
        private Duration joinTokenTtl = Duration.ofSeconds(60);
        private TurnCredentials turn;
        private Authenticator authenticator;
        private LobbyStore store;
        private Clock clock = Clock.systemUTC();

        public Builder bindAddress(String v) { bindAddress = v; return this; }
        /** TCP port; 0 picks a free one (see {@link LobbyServer#port()}). */
        public Builder port(int v) { port = v; return this; }
        /** HMAC-SHA256 key for session tokens, at least 32 bytes; same on every node. Default random. */
        public Builder tokenKey(byte[] v) { tokenKey = v.clone(); return this; }
        public Builder sessionTokenTtl(Duration v) { sessionTokenTtl = v; return this; }
        /** How long a disconnected session keeps its room seat for a reconnect (default 30 s). */
        public Builder sessionGraceMs(long v) { sessionGraceMs = v; return this; }
        /** Largest WebSocket message; larger closes the connection with 1009 (default 64 KiB). */
        public Builder maxFrameBytes(int v) { maxFrameBytes = v; return this; }
        /** Largest signaling payload (SDP or candidate string) in UTF-16 chars (default 32 Ki). */
        public Builder maxSignalPayloadBytes(int v) { maxSignalPayloadBytes = v; return this; }
        /** Token bucket per connection: sustained rate and burst (default 20/s, 40). */
        public Builder messageRate(double perSecond, int burst) { messagesPerSecond = perSecond; messageBurst = burst; return this; }
        /** Messages refused by the rate limit within 5 s before the connection is closed with 1008 (default 50). */
        public Builder floodRejectLimit(int v) { floodRejectLimit = v; return this; }
        /** Bytes queued towards one client before it is disconnected as a slow consumer (default 1 MiB). */
        public Builder outboundQueueBytes(int v) { outboundQueueBytes = v; return this; }
        /** SO_SNDBUF for accepted sockets, 0 for the OS default (tests make it small). */
        public Builder socketSendBufferBytes(int v) { socketSendBufferBytes = v; return this; }
        public Builder maxConnections(int v) { maxConnections = v; return this; }
        /** Login attempts per IP: sustained per minute and burst (default 30/min, 10). */
        public Builder loginRate(double perMinute, int burst) { loginsPerMinutePerIp = perMinute; loginBurstPerIp = burst; return this; }
        public Builder maxRooms(int v) { maxRooms = v; return this; }
        public Builder maxRoomPlayers(int v) { maxRoomPlayers = v; return this; }
        /** Room property caps: count, key length, value length (default 32, 64, 1024). */
        public Builder roomPropertyLimits(int count, int keyChars, int valueChars) {
            maxRoomProperties = count; maxPropertyKeyChars = keyChars; maxPropertyValueChars = valueChars; return this;
        }
        public Builder maxListResults(int v) { maxListResults = v; return this; }
        /** Adds a matchmaking mode. */
        public Builder queue(QueueConfig v) { queues.put(v.mode(), v); return this; }
        public Builder maxTicketsPerQueue(int v) { maxTicketsPerQueue = v; return this; }
        /** Distinct (mode, region) queues at once (default 256). */
        public Builder maxQueues(int v) { maxQueues = v; return this; }
        public Builder matchmakingIntervalMs(long v) { matchmakingIntervalMs = v; return this; }
        /** How long a match allows signaling among its members (default 1 h). */
        public Builder matchTtlMs(long v) { matchTtlMs = v; return this; }
        /** Heartbeat interval told to hosts, and silence after which a host is removed (default 5 s, 15 s). */
        public Builder hostHeartbeat(long intervalMs, long timeoutMs) { hostHeartbeatIntervalMs = intervalMs; hostTimeoutMs = timeoutMs; return this; }
        public Builder joinTokenTtl(Duration v) { joinTokenTtl = v; return this; }
        /** TURN credential issuer; null (default) answers {@code turn.credentials} with an error. */
        public Builder turn(TurnCredentials v) { turn = v; return this; }
        /** Default: {@link GuestAuthenticator} without host logins. */
        public Builder authenticator(Authenticator v) { authenticator = v; return this; }
        /** Default: {@link InMemoryLobbyStore}. */
        public Builder store(LobbyStore v) { store = v; return this; }
        public Builder clock(Clock v) { clock = v; return this; }

        public LobbyConfig build() {
            if (tokenKey == null) {
                tokenKey = new byte[32];
                new SecureRandom().nextBytes(tokenKey);
            }
            if (tokenKey.length < 32) {
                throw new IllegalArgumentException("tokenKey must be at least 32 bytes");
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            positive("sessionGraceMs", sessionGraceMs);
            positive("maxSignalPayloadBytes", maxSignalPayloadBytes);
            if (maxFrameBytes < maxSignalPayloadBytes + 1024L) {
                throw new IllegalArgumentException("maxFrameBytes " + maxFrameBytes
                        + " must exceed maxSignalPayloadBytes + 1024 for the envelope");
            }
            if (!(messagesPerSecond > 0) || messageBurst < 1 || floodRejectLimit < 1) {
                throw new IllegalArgumentException("message rate, burst and flood limit must be positive");
            }
            positive("outboundQueueBytes", outboundQueueBytes);
            if (socketSendBufferBytes < 0) {
                throw new IllegalArgumentException("socketSendBufferBytes must be >= 0");
            }
            positive("maxConnections", maxConnections);
            if (!(loginsPerMinutePerIp > 0) || loginBurstPerIp < 1) {
                throw new IllegalArgumentException("login rate and burst must be positive");
            }
            positive("maxRooms", maxRooms);
            if (maxRoomPlayers < 1 || maxRoomPlayers > 1024) {
                throw new IllegalArgumentException("maxRoomPlayers must be 1..1024");
            }
            positive("maxPropertyKeyChars", maxPropertyKeyChars);
            positive("maxPropertyValueChars", maxPropertyValueChars);
            positive("maxListResults", maxListResults);
            positive("maxTicketsPerQueue", maxTicketsPerQueue);
            positive("maxQueues", maxQueues);
            positive("matchmakingIntervalMs", matchmakingIntervalMs);
            positive("matchTtlMs", matchTtlMs);
            positive("hostHeartbeatIntervalMs", hostHeartbeatIntervalMs);
            if (hostTimeoutMs <= hostHeartbeatIntervalMs) {
                throw new IllegalArgumentException("hostTimeoutMs must exceed the heartbeat interval");
            }
            if (joinTokenTtl.isNegative() || joinTokenTtl.isZero() || sessionTokenTtl.isNegative() || sessionTokenTtl.isZero()) {
                throw new IllegalArgumentException("token TTLs must be positive");
            }
            if (authenticator == null) {
                authenticator = new GuestAuthenticator(null);
            }
            if (store == null) {
                store = new InMemoryLobbyStore();
            }
            Objects.requireNonNull(clock, "clock");
            return new LobbyConfig(this);
        }

        private static void positive(String name, long value) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be positive, got " + value);
            }
        }
    }
}
