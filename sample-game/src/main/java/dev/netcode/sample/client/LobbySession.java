package dev.netcode.sample.client;

import dev.netcode.core.conditioner.LinkPreset;
import dev.netcode.core.transport.Transport;
import dev.netcode.core.transport.Transports;
import dev.netcode.sample.lobby.LobbyPlayer;
import dev.netcode.sample.net.ArenaClient;
import dev.netcode.sample.sim.PlayerView;
import dev.netcode.sample.sim.ShotEvent;
import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * The desktop client joining a dedicated host through a lobby: matchmaking runs in the background
 * ({@link LobbyPlayer}) while the window shows "matchmaking ..."; once matched, the session is an
 * {@link ArenaClient} over WebRTC to the host, presenting the join token, optionally behind the
 * link conditioner.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>All on the render thread: the lobby's answer is only looked at in {@link #update}.</li>
 *   <li>A failed matchmaking stays on screen as the status line; the window does not close by itself.</li>
 * </ul>
 */
public final class LobbySession implements GameSession {
    private final CompletableFuture<LobbyPlayer> seat;
    private final String name;
    private final LinkPreset preset;
    private final long autopilotSeed;
    private final Waiting waiting = new Waiting();
    private LobbyPlayer player;
    private Transport transport;
    private ArenaClient client;
    private boolean failed;

    /**
     * @param preset link conditioner preset for the player's connection, or null
     * @param autopilotSeed seed of a bot brain that plays the local player, or -1
     */
    public LobbySession(URI lobby, String name, String region, LinkPreset preset, long autopilotSeed) {
        this.name = name;
        this.preset = preset;
        this.autopilotSeed = autopilotSeed;
        this.waiting.status = "matchmaking through " + lobby + " (region " + region + ") ...";
        this.seat = LobbyPlayer.join(lobby, name, region, LobbyPlayer::defaultConfig);
    }

    @Override
    public void update(float deltaSeconds, LocalControls controls) {
        if (client == null && !failed && seat.isDone()) {
            try {
                player = seat.join();
                transport = preset == null ? player.transport() : Transports.conditioned(player.transport(), preset, autopilotSeed);
                client = new ArenaClient(transport, player.hostAddress(), name, player.joinToken(), autopilotSeed,
                        preset == null ? "WebRTC" : "WebRTC, " + preset.cliName());
                client.connect();
            } catch (RuntimeException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                waiting.status = "lobby: " + cause.getMessage();
                failed = true; // stay in the waiting view with the error
            }
        }
        if (client != null) {
            client.update(deltaSeconds, controls);
        }
    }

    @Override
    public GameView view() {
        return client != null ? client : waiting;
    }

    @Override
    public NetworkStatsSource networkStats() {
        return client != null ? client : waiting.stats;
    }

    /** The networked client once matched, else null. */
    public ArenaClient client() {
        return client;
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
        if (transport != null && player != null && transport != player.transport()) {
            transport.close();
        }
        if (player != null) {
            player.close();
        } else {
            seat.thenAccept(LobbyPlayer::close);
        }
    }

    /** The empty arena shown while matchmaking, with the state as the status line. */
    private static final class Waiting implements GameView {
        volatile String status = "";
        final NetworkStatsSource stats = NetworkStatsSource.notConnected(() -> status);

        @Override
        public int playerCount() {
            return 0;
        }

        @Override
        public PlayerView player(int index) {
            throw new IndexOutOfBoundsException(index);
        }

        @Override
        public int localPlayerId() {
            return -1;
        }

        @Override
        public int shotCount() {
            return 0;
        }

        @Override
        public ShotEvent shot(int index) {
            throw new IndexOutOfBoundsException(index);
        }

        @Override
        public float shotAgeSeconds(int index) {
            return 0;
        }

        @Override
        public String playerName(int id) {
            return "";
        }

        @Override
        public String statusLine() {
            return status;
        }
    }
}
