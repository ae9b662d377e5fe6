package dev.netcode.sample.lobby;

import dev.netcode.lobby.client.LobbyClient;
import dev.netcode.lobby.client.LobbyException;
import dev.netcode.lobby.client.LobbyListener;
import dev.netcode.lobby.client.MatchInfo;
import dev.netcode.webrtc.transport.WebRtcTransport;
import dev.netcode.webrtc.transport.WebRtcTransportConfig;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A player (or bot) getting a seat through the lobby's matchmaking, the way every arena client
 * joins: log in as a guest, fetch TURN credentials if the lobby has them, create the WebRTC
 * transport signaled through the lobby, queue in the {@link ArenaLobby#MODE} mode and wait for
 * {@code match.found}. The result names the host (its lobby user id is its transport address) and
 * carries this player's join token.
 *
 * <pre>{@code
 * LobbyPlayer seat = LobbyPlayer.join(ArenaLobby.baseUri("ws://lobby.example:7350"), "alice",
 *         ArenaLobby.DEFAULT_REGION, turn -> myTransportConfig(turn)).get(60, TimeUnit.SECONDS);
 * ArenaClient client = new ArenaClient(seat.transport(), seat.hostAddress(), "alice",
 *         seat.joinToken(), -1, "WebRTC via lobby");
 * client.connect();
 * ...
 * client.close();
 * seat.close();                      // the transport and the lobby session
 * }</pre>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>The join token is short-lived (60 s by default): connect to the host right after the match
 *       is found.</li>
 *   <li>Keep the lobby session open while playing: the host's WebRTC answer and candidates, and
 *       any later renegotiation, travel through it.</li>
 *   <li>A queue that never matches (no host registered in the region, or a lobby without the
 *       arena mode) is a timeout on the caller's side: put one on the future.</li>
 * </ul>
 */
public final class LobbyPlayer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LobbyPlayer.class);

    private final LobbyClient lobby;
    private final WebRtcTransport transport;
    private final MatchInfo match;

    private LobbyPlayer(LobbyClient lobby, WebRtcTransport transport, MatchInfo match) {
        this.lobby = lobby;
        this.transport = transport;
        this.match = match;
    }

    /**
     * Logs in, queues and completes once matched onto a dedicated host; fails on a lobby error.
     *
     * @param transportConfig builds the transport's configuration from the TURN servers the lobby
     *        handed out (an empty list when it has none)
     */
    public static CompletableFuture<LobbyPlayer> join(URI lobbyUri, String name, String region,
                                                      Function<List<dev.netcode.webrtc.turn.TurnServer>, WebRtcTransportConfig> transportConfig) {
        Objects.requireNonNull(transportConfig, "transportConfig");
        CompletableFuture<MatchInfo> matched = new CompletableFuture<>();
        LobbySignaling signaling = new LobbySignaling();
        LobbyListener listener = signaling.wrap(new LobbyListener() {
            @Override
            public void onMatchFound(MatchInfo match) {
                matched.complete(match);
            }

            @Override
            public void onQueueLeft(String reason, String byUserId) {
                matched.completeExceptionally(new LobbyException("queue_left", "left the queue: " + reason));
            }

            @Override
            public void onDisconnected(int closeCode, String reason, boolean willReconnect) {
                if (!willReconnect) {
                    matched.completeExceptionally(new LobbyException(LobbyException.DISCONNECTED, "lobby closed: " + reason));
                }
            }
        });
        return LobbyClient.connect(lobbyUri, Map.of("method", "guest", "name", name), listener).thenCompose(client -> {
            signaling.attach(client);
            return Turn.servers(client).thenCompose(turn -> {
                WebRtcTransport transport;
                try {
                    transport = WebRtcTransport.create(signaling, transportConfig.apply(turn));
                } catch (RuntimeException e) {
                    client.close();
                    return CompletableFuture.failedFuture(e);
                }
                return client.joinQueue(ArenaLobby.MODE, region, 0, false)
                        .thenCompose(queued -> matched)
                        .thenApply(match -> {
                            if (!match.host().dedicated()) {
                                throw new LobbyException("no_dedicated_host", "the lobby matched us peer-to-peer; the arena needs a dedicated host");
                            }
                            LOG.info("{} matched: match {} on host {} ({} players)", name, match.matchId(),
                                    match.host().hostId(), match.players().size());
                            return new LobbyPlayer(client, transport, match);
                        })
                        .whenComplete((p, e) -> {
                            if (e != null) {
                                transport.close();
                                client.close();
                            }
                        });
            });
        });
    }

    /**
     * A player's transport configuration for a lobby-matched host anywhere: host candidates on every
     * interface (loopback included, so a host on the same machine works too), the lobby's TURN
     * servers (a relay when a NAT or firewall blocks the direct path).
     */
    public static WebRtcTransportConfig defaultConfig(List<dev.netcode.webrtc.turn.TurnServer> turn) {
        return WebRtcTransportConfig.builder()
                .peerConnection(dev.netcode.webrtc.PeerConnectionConfig.builder().includeLoopback(true)
                        .turnServers(turn).build())
                .build();
    }

    /** The transport to connect to {@link #hostAddress()} with. */
    public WebRtcTransport transport() {
        return transport;
    }

    /** The host's transport address: its lobby user id (signals go there through the lobby). */
    public String hostAddress() {
        return match.host().userId();
    }

    /** This player's join token for the host. */
    public String joinToken() {
        return match.host().joinToken();
    }

    public MatchInfo match() {
        return match;
    }

    public LobbyClient lobby() {
        return lobby;
    }

    /** Closes the transport and the lobby session. */
    @Override
    public void close() {
        transport.close();
        lobby.close();
    }

    /** TURN servers from the lobby, if it has any. */
    static final class Turn {
        private Turn() {}

        /** The lobby's TURN servers as the transport wants them; empty when the lobby has none or on any error. */
        static CompletableFuture<List<dev.netcode.webrtc.turn.TurnServer>> servers(LobbyClient client) {
            return client.turnCredentials()
                    .orTimeout(10, TimeUnit.SECONDS)
                    .thenApply(t -> {
                        List<dev.netcode.webrtc.turn.TurnServer> servers = new java.util.ArrayList<>();
                        dev.netcode.webrtc.turn.TurnCredentials credentials =
                                dev.netcode.webrtc.turn.TurnCredentials.of(t.username(), t.password());
                        for (String uri : t.uris()) {
                            try {
                                servers.add(dev.netcode.webrtc.turn.TurnServer.parse(uri, credentials));
                            } catch (IllegalArgumentException e) {
                                LOG.warn("ignoring TURN server {}: {}", uri, e.getMessage());
                            }
                        }
                        return servers;
                    })
                    .exceptionally(e -> List.of());
        }
    }
}
