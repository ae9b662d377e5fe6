package dev.netcode.sample.lobby;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.netcode.lobby.GuestAuthenticator;
import dev.netcode.lobby.LobbyConfig;
import dev.netcode.lobby.LobbyServer;
import dev.netcode.lobby.client.LobbyClient;
import dev.netcode.lobby.client.LobbyListener;
import dev.netcode.lobby.client.RoomInfo;
import dev.netcode.sample.client.LocalControls;
import dev.netcode.sample.net.ArenaClient;
import dev.netcode.sample.net.ArenaHost;
import dev.netcode.sample.net.GameLoop;
import dev.netcode.webrtc.PeerConnectionConfig;
import dev.netcode.webrtc.ice.IceConfig;
import dev.netcode.webrtc.transport.WebRtcTransport;
import dev.netcode.webrtc.transport.WebRtcTransportConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The arena over WebRTC with the embedded lobby as the signaling relay: a host and a bot log in as
 * guests, meet in a room, and the bot's WebRTC transport reaches the host's through
 * {@link LobbySignaling}; then the game runs (join, snapshots, inputs).
 */
@Tag("slow")
class LobbySignalingTest {
    @Test
    void kindIsTakenFromTheTransportPayload() {
        assertThat(LobbySignaling.kindOf("{\"v\":\"1\",\"type\":\"offer\",\"conn\":\"a\"}")).isEqualTo("offer");
        assertThat(LobbySignaling.kindOf("{\"v\":\"1\",\"type\":\"answer\"}")).isEqualTo("answer");
        assertThat(LobbySignaling.kindOf("{\"v\":\"1\",\"type\":\"bye\"}")).isEqualTo("bye");
        assertThat(LobbySignaling.kindOf("{\"type\":\"offerx\"}")).isEqualTo("candidate");
        assertThat(LobbySignaling.kindOf("garbage")).isEqualTo("candidate");
    }

    @Test
    @Timeout(120)
    void botReachesHostOverWebRtcSignaledThroughTheLobby() throws Exception {
        long seed = 21;
        System.out.println("seed " + seed);
        Random random = new Random(seed);
        LobbyServer lobby = LobbyServer.start(LobbyConfig.builder().bindAddress("127.0.0.1").port(0)
                .authenticator(new GuestAuthenticator("host-secret-for-tests-0123456789")).build());
        LobbySignaling hostSignaling = new LobbySignaling();
        LobbySignaling botSignaling = new LobbySignaling();
        LobbyClient hostLobby = LobbyClient.connect(lobby.httpUri(), Map.of("method", "guest", "name", "host"),
                hostSignaling.wrap(new LobbyListener() {})).get(30, TimeUnit.SECONDS);
        LobbyClient botLobby = LobbyClient.connect(lobby.httpUri(), Map.of("method", "guest", "name", "bot"),
                botSignaling.wrap(new LobbyListener() {})).get(30, TimeUnit.SECONDS);
        hostSignaling.attach(hostLobby);
        botSignaling.attach(botLobby);
        RoomInfo room = hostLobby.createRoom(null, false, 2, Map.of()).get(30, TimeUnit.SECONDS);
        botLobby.joinRoomByCode(room.joinCode()).get(30, TimeUnit.SECONDS);

        WebRtcTransport hostTransport = WebRtcTransport.create(hostSignaling, config(random));
        WebRtcTransport botTransport = WebRtcTransport.create(botSignaling, config(random));
        ArenaHost host = new ArenaHost(hostTransport, seed);
        host.bind(hostLobby.userId());
        ArenaClient bot = new ArenaClient(botTransport, hostLobby.userId(), "bot", null, seed, "WebRTC via lobby");
        GameLoop hostLoop = GameLoop.start("lobby-test-host", 240, host::update);
        LocalControls none = new LocalControls();
        long[] last = {System.nanoTime()};
        GameLoop botLoop = GameLoop.start("lobby-test-bot", 60, now -> {
            bot.update((now - last[0]) / 1e9f, none);
            last[0] = now;
        });
        botLoop.runOnLoop(bot::connect);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> bot.report().playerId() >= 0
                    && bot.report().snapshotsReceived() > 10 && bot.report().inputTicks() > 10);
            ArenaClient.Report r = bot.report();
            System.out.println(r);
            assertThat(r.connected()).isTrue();
            assertThat(host.playerCount()).isEqualTo(1);
            assertThat(r.bytesIn()).isPositive();
            assertThat(r.bytesOut()).isPositive();
        } finally {
            botLoop.stop();
            hostLoop.stop();
            bot.close();
            host.close();
            botTransport.close();
            hostTransport.close();
            botLobby.close();
            hostLobby.close();
            lobby.close();
        }
    }

    private static WebRtcTransportConfig config(Random random) {
        IceConfig ice = IceConfig.builder().hostAddresses(List.of(InetAddress.getLoopbackAddress()))
                .random(new Random(random.nextLong())).build();
        return WebRtcTransportConfig.builder()
                .peerConnection(PeerConnectionConfig.builder().ice(ice).random(new Random(random.nextLong())).build())
                .singlePortAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .random(new Random(random.nextLong()))
                .build();
    }
}
