package dev.netcode.launcher;

import dev.netcode.lobby.GuestAuthenticator;
import dev.netcode.lobby.LobbyConfig;
import dev.netcode.lobby.LobbyServer;
import dev.netcode.lobby.QueueConfig;
import dev.netcode.lobby.store.RedisLobbyStore;
import dev.netcode.lobby.turn.TurnCredentials;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./netcode lobby}: runs a lobby server in the foreground until Ctrl-C.
 *
 * <p>With no options it needs nothing else: in-memory store, random token key, guest logins, one
 * matchmaking mode {@code default} (2 players, dedicated host if one is registered, else P2P), and
 * the sample arena's mode {@code arena} (1..16 players on a registered dedicated host, see
 * {@code ArenaLobby}), so {@code ./netcode host --lobby} and {@code ./netcode client --lobby} work
 * against it as is.
 */
@Command(name = "lobby", mixinStandardHelpOptions = true,
        description = "Runs the lobby server (HTTP + WebSocket): sessions, rooms, matchmaking, hosts, signaling, TURN credentials.")
final class LobbyCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "7350", description = "TCP port (default ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--bind", defaultValue = "0.0.0.0", description = "Address to bind (default ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--redis", description = "Redis URI (redis://host:port) to share state between lobby nodes.")
    URI redis;

    @Option(names = "--redis-namespace", defaultValue = "netcode", description = "Key prefix in Redis (default ${DEFAULT-VALUE}).")
    String namespace;

    @Option(names = "--token-key", description = "Session token HMAC key, at least 32 characters; same on every node. "
            + "Default: env NETCODE_LOBBY_TOKEN_KEY, else random (tokens die with the process).")
    String tokenKey;

    @Option(names = "--host-secret", description = "Secret dedicated hosts log in with (method=host). Default: "
            + "env NETCODE_LOBBY_HOST_SECRET, else random and printed.")
    String hostSecret;

    @Option(names = "--turn-secret", description = "coturn static-auth-secret; enables turn.credentials.")
    String turnSecret;

    @Option(names = "--turn-previous-secret", description = "Previous coturn secret, still accepted during rotation.")
    String turnPreviousSecret;

    @Option(names = "--turn-uri", description = "TURN URI handed to clients (repeatable), e.g. turn:turn.example:3478.")
    List<String> turnUris = new ArrayList<>();

    @Option(names = "--queue", description = "Matchmaking mode as name:min:max:DEDICATED|P2P|DEDICATED_OR_P2P (repeatable; "
            + "default default:2:2:DEDICATED_OR_P2P).")
    List<String> queues = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        LobbyConfig.Builder builder = LobbyConfig.builder().bindAddress(bind).port(port);
        String key = tokenKey != null ? tokenKey : System.getenv("NETCODE_LOBBY_TOKEN_KEY");
        if (key != null) {
            if (key.length() < 32) {
                System.err.println("netcode lobby: the token key must be at least 32 characters");
                return 2;
            }
            builder.tokenKey(key.getBytes(StandardCharsets.UTF_8));
        }
        String secret = hostSecret != null ? hostSecret : System.getenv("NETCODE_LOBBY_HOST_SECRET");
        boolean generatedSecret = secret == null;
        if (generatedSecret) {
            byte[] random = new byte[16];
            new SecureRandom().nextBytes(random);
            secret = HexFormat.of().formatHex(random);
        }
        builder.authenticator(new GuestAuthenticator(secret));
        if (queues.isEmpty()) {
            queues.add("default:2:2:DEDICATED_OR_P2P");
            builder.queue(dev.netcode.sample.lobby.ArenaLobby.queue(16));
        }
        for (String q : queues) {
            String[] parts = q.split(":");
            if (parts.length != 4) {
                System.err.println("netcode lobby: --queue wants name:min:max:hostMode, got " + q);
                return 2;
            }
            builder.queue(QueueConfig.of(parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2]),
                    QueueConfig.HostMode.valueOf(parts[3])));
        }
        if (turnSecret != null) {
            builder.turn(new TurnCredentials(turnSecret, turnPreviousSecret, Duration.ofHours(1), turnUris, Clock.systemUTC()));
        }
        if (redis != null) {
            if (key == null) {
                System.err.println("netcode lobby: with --redis, give every node the same --token-key (or NETCODE_LOBBY_TOKEN_KEY)");
                return 2;
            }
            builder.store(RedisLobbyStore.connect(redis.toString(), namespace));
        }
        LobbyConfig config = builder.build();
        LobbyServer server = LobbyServer.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "lobby-shutdown"));
        System.out.println("netcode lobby listening on " + server.httpUri() + "  (WebSocket "
                + server.httpUri().toString().replaceFirst("^http", "ws") + "/ws, health " + server.httpUri() + "/health)");
        System.out.println("store: " + (redis == null ? "in-memory" : "Redis " + redis + " (namespace " + namespace + ")")
                + "; matchmaking modes: " + String.join(", ", config.queues.keySet())
                + "; TURN: " + (turnSecret == null ? "off" : String.join(" ", turnUris)));
        if (generatedSecret) {
            System.out.println("dedicated hosts log in with {\"method\":\"host\",\"secret\":\"" + secret + "\"}");
        }
        server.awaitClose();
        return 0;
    }
}
