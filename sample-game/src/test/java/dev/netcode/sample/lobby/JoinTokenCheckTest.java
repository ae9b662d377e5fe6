package dev.netcode.sample.lobby;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.netcode.core.DisconnectReason;
import dev.netcode.sample.client.LocalControls;
import dev.netcode.sample.net.ArenaClient;
import dev.netcode.sample.net.GameLoop;
import dev.netcode.sample.playtest.LobbyPlaytestNetwork;
import dev.netcode.sample.playtest.PlaytestNetwork;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The host registered with a real (embedded) lobby admits a player over WebRTC only with a join
 * token the lobby issued for that very player, once: a missing, forged, stolen (another player's)
 * or reused token gets the connection kicked with the reason.
 */
@Tag("slow")
class JoinTokenCheckTest {
    private final List<ArenaClient> clients = new CopyOnWriteArrayList<>();

    @Test
    @Timeout(120)
    void hostRefusesMissingForgedStolenAndReusedTokens() throws Exception {
        long seed = 41;
        System.out.println("seed " + seed);
        try (LobbyPlaytestNetwork net = new LobbyPlaytestNetwork(null, seed, 3)) {
            PlaytestNetwork.PlaytestHost host = net.startHost(seed);
            List<PlaytestNetwork.BotSeat> seats = net.joinBots(3);
            String address = seats.get(0).hostAddress();
            GameLoop hostLoop = GameLoop.start("token-test-host", 240, host.update());
            LocalControls none = new LocalControls();
            GameLoop clientLoop = GameLoop.start("token-test-clients", 60, now -> {
                for (ArenaClient c : clients) {
                    c.update(1 / 60f, none);
                }
            });
            try {
                ArenaClient missing = start(clientLoop, seats.get(0), address, "missing", null);
                ArenaClient forged = start(clientLoop, seats.get(1), address, "forged", tamper(seats.get(1).joinToken()));
                ArenaClient stolen = start(clientLoop, seats.get(2), address, "stolen", seats.get(0).joinToken());
                assertKicked(missing, "no join token");
                assertKicked(forged, "forged");
                assertKicked(stolen, "another player");

                ArenaClient owner = start(clientLoop, seats.get(0), address, "owner", seats.get(0).joinToken());
                await().atMost(Duration.ofSeconds(60)).until(() -> owner.report().playerId() >= 0
                        && owner.report().snapshotsReceived() > 5);
                assertThat(host.arena().playerCount()).isEqualTo(1);
                clientLoop.runOnLoop(owner::close);
                await().atMost(Duration.ofSeconds(30)).until(() -> host.arena().playerCount() == 0);

                ArenaClient again = start(clientLoop, seats.get(0), address, "again", seats.get(0).joinToken());
                assertKicked(again, "seat already taken");
                assertThat(host.arena().refusedJoins()).isEqualTo(4);
            } finally {
                clientLoop.stop();
                hostLoop.stop();
                clients.forEach(ArenaClient::close);
            }
        }
    }

    private ArenaClient start(GameLoop loop, PlaytestNetwork.BotSeat seat, String address, String name, String token) {
        ArenaClient c = new ArenaClient(seat.transport(), address, name, token, -1, "WebRTC");
        loop.runOnLoop(() -> {
            clients.add(c);
            c.connect();
        });
        return c;
    }

    private static void assertKicked(ArenaClient c, String reason) {
        await().atMost(Duration.ofSeconds(60)).until(() -> c.report().disconnectReason() != null);
        ArenaClient.Report r = c.report();
        System.out.println(r.name() + ": " + r.disconnectReason() + " " + r.disconnectDetail());
        assertThat(r.disconnectReason()).isEqualTo(DisconnectReason.KICKED);
        assertThat(r.disconnectDetail()).contains(reason);
        assertThat(r.playerId()).isNegative();
    }

    /** The token with one character of its signature changed (not the last: it carries unused bits). */
    private static String tamper(String token) {
        char[] chars = token.toCharArray();
        int i = chars.length - 10;
        chars[i] = chars[i] == 'A' ? 'B' : 'A';
        return new String(chars);
    }
}
