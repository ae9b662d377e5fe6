package dev.netcode.sample.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.netcode.lobby.client.HostRegistration;
import dev.netcode.sample.client.LocalControls;
import dev.netcode.sample.net.ArenaClient;
import dev.netcode.sample.net.GameLoop;
import dev.netcode.sample.playtest.LobbyPlaytestNetwork;
import dev.netcode.sample.playtest.PlaytestNetwork;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A dedicated host that timed out of a real (embedded) lobby's registry and registered again has
 * a new host id and join key; the players the lobby matches onto it from then on carry tokens
 * signed with the new key, and the host must admit them without a restart.
 */
@Tag("slow")
class LobbyHostReRegistrationTest {
    private static final long HOST_TIMEOUT_MS = 2_000;

    @Test
    @Timeout(120)
    void hostAdmitsPlayersWithTokensOfItsNewRegistrationAfterTimingOut() throws Exception {
        long seed = 47;
        System.out.println("seed " + seed);
        ShiftedClock lobbyClock = new ShiftedClock();
        try (LobbyPlaytestNetwork net = new LobbyPlaytestNetwork(null, seed, 1, 4,
                lobby -> lobby.clock(lobbyClock).hostHeartbeat(250, HOST_TIMEOUT_MS))) {
            PlaytestNetwork.PlaytestHost playtestHost = net.startHost(seed);
            LobbyHost host = net.host();
            HostRegistration first = host.registration();

            // From the lobby's point of view the host falls silent past its timeout (a long pause):
            // move the lobby's clock on until its registry has dropped the first registration.
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
                List<String> ids = net.lobby().registeredHostIds().get(10, TimeUnit.SECONDS);
                if (ids.contains(first.hostId())) {
                    lobbyClock.shiftMs(HOST_TIMEOUT_MS + 1_000);
                    return false;
                }
                return true;
            });
            // ... and its lobby connection drops: the client reconnects and registers again.
            assertThat(net.lobby().disconnect(host.peerId())).isTrue();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                List<String> ids = net.lobby().registeredHostIds().get(10, TimeUnit.SECONDS);
                return !ids.isEmpty() && !ids.contains(first.hostId());
            });

            // A player matched now gets a token signed with the new key; the host must admit it.
            PlaytestNetwork.BotSeat seat = net.joinBots(1).get(0);
            GameLoop hostLoop = GameLoop.start("reregistration-host", 240, playtestHost.update());
            LocalControls none = new LocalControls();
            ArenaClient player = new ArenaClient(seat.transport(), seat.hostAddress(), "player", seat.joinToken(), -1, "WebRTC");
            GameLoop clientLoop = GameLoop.start("reregistration-client", 60, now -> player.update(1 / 60f, none));
            try {
                clientLoop.runOnLoop(player::connect);
                await().atMost(Duration.ofSeconds(60)).until(() -> player.report().disconnectReason() != null
                        || (player.report().playerId() >= 0 && player.report().snapshotsReceived() > 5));
                ArenaClient.Report r = player.report();
                System.out.println("player: id " + r.playerId() + ", " + r.disconnectReason() + " " + r.disconnectDetail());
                assertThat(r.disconnectReason()).as("kicked: %s", r.disconnectDetail()).isNull();
                assertThat(r.playerId()).isNotNegative();
                assertThat(playtestHost.arena().refusedJoins()).isZero();
                HostRegistration second = host.registration();
                System.out.println("registration " + first.hostId() + " -> " + second.hostId());
                assertThat(second.hostId()).isNotEqualTo(first.hostId());
                assertThat(second.joinKey()).isNotEqualTo(first.joinKey());
            } finally {
                clientLoop.stop();
                hostLoop.stop();
                player.close();
            }
        }
    }

    /** The wall clock plus an offset the test moves on (the lobby's matchmaking still needs time to pass). */
    private static final class ShiftedClock extends Clock {
        private final AtomicLong offsetMs = new AtomicLong();

        void shiftMs(long ms) {
            offsetMs.addAndGet(ms);
        }

        @Override
        public long millis() {
            return System.currentTimeMillis() + offsetMs.get();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
