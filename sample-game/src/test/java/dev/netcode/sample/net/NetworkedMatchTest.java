package dev.netcode.sample.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.netcode.core.transport.memory.InMemoryNetwork;
import dev.netcode.sample.client.LocalControls;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A host and two bot clients over the in-memory transport: the whole networked game in one JVM. */
class NetworkedMatchTest {
    @Test
    @Timeout(120)
    void hostAndTwoBotsConnectPlayAndScore() {
        long seed = 7;
        System.out.println("seed " + seed);
        try (InMemoryNetwork network = InMemoryNetwork.builder().build()) {
            ArenaHost host = new ArenaHost(network.transport(), seed);
            host.bind("arena");
            List<ArenaClient> bots = List.of(
                    new ArenaClient(network.transport(), "arena", "bot-a", seed + 1),
                    new ArenaClient(network.transport(), "arena", "bot-b", seed + 2));
            GameLoop hostLoop = GameLoop.start("test-host", 240, host::update);
            LocalControls none = new LocalControls();
            long[] last = {System.nanoTime()};
            GameLoop botLoop = GameLoop.start("test-bots", 60, now -> {
                float dt = (now - last[0]) / 1e9f;
                last[0] = now;
                for (ArenaClient bot : bots) {
                    bot.update(dt, none);
                }
            });
            botLoop.runOnLoop(() -> bots.forEach(ArenaClient::connect));
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> host.playerCount() == 2
                        && bots.stream().allMatch(b -> b.report().connected() && b.report().playerId() >= 0));
                // Each bot sees the other (interpolated) and predicts itself.
                await().atMost(Duration.ofSeconds(30)).until(() -> bots.stream().allMatch(b ->
                        b.report().framesWithRemotePlayer() > 0 && b.report().inputTicks() > 0));
                // Bots hunt each other: hits are judged on the host and reach the scoreboard.
                await().atMost(Duration.ofSeconds(90)).until(() -> host.totalHits() > 0
                        && bots.stream().mapToInt(b -> b.report().hits()).sum() > 0);
                for (ArenaClient bot : bots) {
                    ArenaClient.Report r = bot.report();
                    System.out.println(r);
                    assertThat(r.snapshotsReceived()).isPositive();
                    assertThat(r.bytesIn()).isPositive();
                    assertThat(r.bytesOut()).isPositive();
                }
                assertThat(host.inputs().buffers()).hasSize(2);
                assertThat(host.lagCompensator().rewinds()).isPositive();
            } finally {
                botLoop.stop();
                hostLoop.stop();
                bots.forEach(ArenaClient::close);
                host.close();
            }
        }
    }
}
