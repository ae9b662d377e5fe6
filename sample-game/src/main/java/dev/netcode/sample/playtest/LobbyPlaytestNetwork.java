package dev.netcode.sample.playtest;

import dev.netcode.core.conditioner.LinkPreset;
import dev.netcode.core.transport.Transport;
import dev.netcode.core.transport.Transports;
import dev.netcode.lobby.GuestAuthenticator;
import dev.netcode.lobby.LobbyConfig;
import dev.netcode.lobby.LobbyServer;
import dev.netcode.sample.host.LobbyHost;
import dev.netcode.sample.lobby.ArenaLobby;
import dev.netcode.sample.lobby.LobbyPlayer;
import dev.netcode.sample.sim.ArenaRules;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The full stack on one machine, as the playtest runs it by default: an embedded netcode-lobby
 * server (127.0.0.1, port 0) with the arena's matchmaking mode; the dedicated host logs in with
 * the host role, serves one UDP port and registers in the lobby's host registry
 * ({@link LobbyHost}); every bot logs in as a guest, queues, is matched onto the host and gets a
 * join token ({@link LobbyPlayer}); WebRTC offers, answers and candidates travel through the
 * lobby's relay; the host admits each bot only with its own, unused join token. The game traffic
 * is real ICE/DTLS/SCTP over UDP on loopback; each bot is behind the link conditioner.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>The embedded lobby relaxes the per-IP login limit and raises the message rate: every bot
 *       logs in from 127.0.0.1 within a second, and their candidates arrive in a burst.</li>
 *   <li>Bots queue concurrently; those that queue within {@link ArenaLobby#FILL_TIMEOUT_MS} of
 *       each other share a match, so the run's bots form one or a few matches on the one host.</li>
 *   <li>Host and bots have separate DTLS handshake pools ({@link LoopbackWebRtc}).</li>
 * </ul>
 */
public final class LobbyPlaytestNetwork implements PlaytestNetwork {
    private final LinkPreset preset;
    private final long seed;
    private final LoopbackWebRtc webrtc;
    private final String hostSecret;
    private final LobbyServer lobby;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private LobbyHost host;

    /** Starts the embedded lobby; blocks until it listens. */
    public LobbyPlaytestNetwork(LinkPreset preset, long seed, int bots) throws Exception {
        this(preset, seed, bots, LoopbackWebRtc.DEFAULT_HANDSHAKE_THREADS);
    }

    /** @param handshakeThreads DTLS handshakes the host, and separately the bots, run at once */
    public LobbyPlaytestNetwork(LinkPreset preset, long seed, int bots, int handshakeThreads) throws Exception {
        this(preset, seed, bots, handshakeThreads, lobbyConfig -> { });
    }

    /**
     * @param lobbySettings adjusts the embedded lobby's configuration after the playtest's own
     *        settings (tests: a hand-moved clock, short host heartbeat timeouts)
     */
    public LobbyPlaytestNetwork(LinkPreset preset, long seed, int bots, int handshakeThreads,
                                Consumer<LobbyConfig.Builder> lobbySettings) throws Exception {
        this.preset = preset;
        this.seed = seed;
        this.webrtc = new LoopbackWebRtc(seed, handshakeThreads);
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        this.hostSecret = HexFormat.of().formatHex(secret);
        LobbyConfig.Builder config = LobbyConfig.builder().bindAddress("127.0.0.1").port(0)
                .messageRate(1000, 1000).loginRate(100_000, 10_000).matchmakingIntervalMs(50)
                .queue(ArenaLobby.queue(Math.max(1, Math.min(bots, ArenaRules.MAX_PLAYERS))))
                .authenticator(new GuestAuthenticator(hostSecret));
        lobbySettings.accept(config);
        this.lobby = LobbyServer.start(config.build());
    }

    /** The embedded lobby's base URI. */
    public URI lobbyUri() {
        return lobby.httpUri();
    }

    /** The embedded lobby (for tests: its host registry). */
    public LobbyServer lobby() {
        return lobby;
    }

    @Override
    public String transportName() {
        return "WebRTC";
    }

    @Override
    public String signalingName() {
        return "lobby";
    }

    /** Logs the host in, binds its UDP port on 127.0.0.1 and registers it; blocks up to 30 s per step. */
    @Override
    public synchronized PlaytestHost startHost(long hostSeed) throws Exception {
        host = LobbyHost.start(new LobbyHost.Settings(lobby.httpUri(), hostSecret, "playtest-host",
                ArenaLobby.DEFAULT_REGION, ArenaRules.MAX_PLAYERS, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                webrtc.hostPeerConnection(), hostSeed));
        return new PlaytestHost(host.arena(), host::update);
    }

    /** Logs every bot in and matchmakes them all at once; blocks up to 60 s. */
    @Override
    public List<BotSeat> joinBots(int count) throws Exception {
        List<CompletableFuture<LobbyPlayer>> joins = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            joins.add(LobbyPlayer.join(lobby.httpUri(), "bot-" + i, ArenaLobby.DEFAULT_REGION, turn -> webrtc.bot()));
        }
        try {
            CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } finally {
            synchronized (this) {
                for (CompletableFuture<LobbyPlayer> j : joins) {
                    LobbyPlayer p = j.getNow(null);
                    if (p != null) {
                        opened.add(p);
                    }
                }
            }
        }
        List<BotSeat> seats = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            LobbyPlayer p = joins.get(i).join();
            Transport t = p.transport();
            if (preset != null) {
                t = Transports.conditioned(t, preset, seed + i);
                synchronized (this) {
                    opened.add(t);
                }
            }
            seats.add(new BotSeat(t, p.hostAddress(), p.joinToken()));
        }
        return seats;
    }

    /** The host, once started. */
    public synchronized LobbyHost host() {
        return host;
    }

    @Override
    public synchronized void close() {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception ignored) {
                // best effort at shutdown
            }
        }
        if (host != null) {
            host.close();
        }
        lobby.close();
        webrtc.close();
    }
}
