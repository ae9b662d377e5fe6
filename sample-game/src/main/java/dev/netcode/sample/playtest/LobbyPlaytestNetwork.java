package dev.netcode.sample.playtest;

import dev.netcode.core.conditioner.LinkPreset;
import dev.netcode.core.transport.Transport;
import dev.netcode.core.transport.Transports;
import dev.netcode.lobby.GuestAuthenticator;
import dev.netcode.lobby.LobbyConfig;
import dev.netcode.lobby.LobbyServer;
import dev.netcode.lobby.client.LobbyClient;
import dev.netcode.lobby.client.LobbyListener;
import dev.netcode.lobby.client.RoomInfo;
import dev.netcode.sample.lobby.LobbySignaling;
import dev.netcode.webrtc.transport.WebRtcTransport;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The full stack on one machine: an embedded netcode-lobby server (127.0.0.1, port 0), the host
 * and every bot logged in to it, all in one private room, and WebRTC between them signaled
 * through the lobby's relay ({@link LobbySignaling}). The game traffic is real ICE/DTLS/SCTP over
 * UDP on loopback; the host serves all bots on one UDP port. Each bot is behind the link
 * conditioner.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Players meet in a room, not through the matchmaker and host registry yet: the host
 *       creates a private room and the bots join it by code, which is what lets the lobby relay
 *       their signals.</li>
 *   <li>The embedded lobby allows 1,000 messages/s per user: ICE candidates of many bots arrive in
 *       a burst.</li>
 * </ul>
 */
public final class LobbyPlaytestNetwork implements PlaytestNetwork {
    private final LinkPreset preset;
    private final long seed;
    private final LoopbackWebRtc webrtc;
    private final LobbyServer lobby;
    private final LobbyClient hostLobby;
    private final WebRtcTransport host;
    private final String joinCode;
    private final List<AutoCloseable> opened = new ArrayList<>();

    /** Starts the embedded lobby and logs the host in; blocks up to 30 s. */
    public LobbyPlaytestNetwork(LinkPreset preset, long seed, int bots) throws Exception {
        this(preset, seed, bots, LoopbackWebRtc.DEFAULT_HANDSHAKE_THREADS);
    }

    /** @param handshakeThreads DTLS handshakes the host, and separately the bots, run at once */
    public LobbyPlaytestNetwork(LinkPreset preset, long seed, int bots, int handshakeThreads) throws Exception {
        this.preset = preset;
        this.seed = seed;
        this.webrtc = new LoopbackWebRtc(seed, handshakeThreads);
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        this.lobby = LobbyServer.start(LobbyConfig.builder().bindAddress("127.0.0.1").port(0)
                .messageRate(1000, 1000).loginRate(100_000, 10_000).maxRoomPlayers(Math.max(2, bots + 1))
                .authenticator(new GuestAuthenticator(HexFormat.of().formatHex(secret))).build());
        LobbySignaling signaling = new LobbySignaling();
        this.hostLobby = LobbyClient.connect(lobby.httpUri(), Map.of("method", "guest", "name", "playtest-host"),
                signaling.wrap(new LobbyListener() {})).get(30, TimeUnit.SECONDS);
        signaling.attach(hostLobby);
        RoomInfo room = hostLobby.createRoom("playtest", false, bots + 1, Map.of()).get(30, TimeUnit.SECONDS);
        this.joinCode = room.joinCode();
        this.host = WebRtcTransport.create(signaling, webrtc.host());
    }

    /** The embedded lobby's base URI. */
    public java.net.URI lobbyUri() {
        return lobby.httpUri();
    }

    @Override
    public String transportName() {
        return "WebRTC";
    }

    @Override
    public Transport hostTransport() {
        return host;
    }

    @Override
    public String hostBindAddress() {
        return hostLobby.userId();
    }

    @Override
    public String hostConnectAddress() {
        return hostLobby.userId();
    }

    /** Logs bot {@code index} in to the lobby, joins the host's room; blocks up to 30 s. */
    @Override
    public synchronized Transport botTransport(int index) {
        try {
            LobbySignaling signaling = new LobbySignaling();
            LobbyClient client = LobbyClient.connect(lobby.httpUri(), Map.of("method", "guest", "name", "bot-" + index),
                    signaling.wrap(new LobbyListener() {})).get(30, TimeUnit.SECONDS);
            opened.add(client);
            signaling.attach(client);
            client.joinRoomByCode(joinCode).get(30, TimeUnit.SECONDS);
            WebRtcTransport bot = WebRtcTransport.create(signaling, webrtc.bot());
            opened.add(bot);
            if (preset == null) {
                return bot;
            }
            Transport conditioned = Transports.conditioned(bot, preset, seed + index);
            opened.add(conditioned);
            return conditioned;
        } catch (Exception e) {
            throw new IllegalStateException("bot " + index + " could not join the lobby room: " + e, e);
        }
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
        host.close();
        hostLobby.close();
        lobby.close();
        webrtc.close();
    }
}
