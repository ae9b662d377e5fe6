package dev.netcode.sample.lobby;

import dev.netcode.lobby.QueueConfig;
import java.net.URI;

/**
 * What the arena expects of a netcode-lobby: the matchmaking mode players queue in, the default
 * region, and how a lobby URL given on a command line becomes the client's base URI.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>The lobby must offer the {@value #MODE} mode ({@code ./netcode lobby} does by default:
 *       {@link #queue}); players and hosts must use the same region.</li>
 *   <li>The mode is {@link QueueConfig.HostMode#DEDICATED}: players wait in the queue until a
 *       registered host in their region has a free seat.</li>
 * </ul>
 */
public final class ArenaLobby {
    /** The matchmaking mode of the arena. */
    public static final String MODE = "arena";
    /** Region used when none is given, by hosts and players alike. */
    public static final String DEFAULT_REGION = "local";
    /** How long the first player of a group waits for more before a smaller match forms. */
    public static final long FILL_TIMEOUT_MS = 1_000;

    private ArenaLobby() {}

    /**
     * The arena's queue: 1 to {@code maxPlayers} players per match on a dedicated host; everyone who
     * queued within {@link #FILL_TIMEOUT_MS} of each other plays together.
     */
    public static QueueConfig queue(int maxPlayers) {
        // Skill is not used by the sample (everyone queues with 0): the window only has to contain 0.
        return new QueueConfig(MODE, 1, maxPlayers, 100, 50, 1000, FILL_TIMEOUT_MS, QueueConfig.HostMode.DEDICATED);
    }

    /**
     * The lobby's HTTP base URI from what a user typed: {@code ws://host:port}, {@code ws://host:port/ws},
     * {@code http://host:port} or a bare {@code host:port} all name the same lobby.
     *
     * @throws IllegalArgumentException when it names no host and port
     */
    public static URI baseUri(String url) {
        String s = url.trim();
        if (!s.contains("://")) {
            s = "http://" + s;
        }
        URI u = URI.create(s);
        String scheme = switch (u.getScheme().toLowerCase(java.util.Locale.ROOT)) {
            case "ws", "http" -> "http";
            case "wss", "https" -> "https";
            default -> throw new IllegalArgumentException("lobby URL must be ws://, wss://, http:// or https://: " + url);
        };
        if (u.getHost() == null) {
            throw new IllegalArgumentException("no host in lobby URL " + url);
        }
        int port = u.getPort();
        String host = u.getHost().contains(":") && !u.getHost().startsWith("[") ? "[" + u.getHost() + "]" : u.getHost();
        return URI.create(scheme + "://" + host + (port < 0 ? "" : ":" + port));
    }
}
