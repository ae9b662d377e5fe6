package dev.netcode.sample.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.netcode.core.Channel;
import dev.netcode.core.NetClient;
import dev.netcode.core.NetListener;
import dev.netcode.core.prediction.InputBuffer;
import dev.netcode.core.prediction.InputPacket;
import dev.netcode.core.transport.memory.InMemoryNetwork;
import dev.netcode.sample.client.LocalControls;
import dev.netcode.sample.sim.ArenaRules;
import dev.netcode.sample.sim.PlayerInput;
import dev.netcode.sample.sim.PlayerMotion;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A client that sends inputs at ten times the tick rate (all of them running forward at full
 * speed) cannot make the host store more than its fixed input buffer, cannot move faster than one
 * input per tick, and does not disturb an honest player.
 */
class InputFloodTest {
    @Test
    @Timeout(120)
    void tenTimesTheTickRateStaysBoundedAndDoesNotSpeedUpThePlayer() throws Exception {
        long seed = 5;
        System.out.println("seed " + seed);
        try (InMemoryNetwork network = InMemoryNetwork.builder().build()) {
            ArenaHost host = new ArenaHost(network.transport(), seed);
            host.bind("arena");
            ArenaClient honest = new ArenaClient(network.transport(), "arena", "honest", seed + 1);
            NetClient flooder = new NetClient(ArenaProtocol.netConfig(), ArenaProtocol.registry(), network.transport(),
                    new NetListener() {});
            GameLoop hostLoop = GameLoop.start("flood-host", 240, host::update);
            LocalControls none = new LocalControls();
            long[] last = {System.nanoTime()};
            GameLoop clientLoop = GameLoop.start("flood-clients", 60, now -> {
                honest.update((now - last[0]) / 1e9f, none);
                last[0] = now;
                flooder.update();
            });
            clientLoop.runOnLoop(() -> {
                honest.connect();
                flooder.connect("arena");
            });
            try {
                await().atMost(Duration.ofSeconds(30)).until(flooder::isConnected);
                clientLoop.runOnLoop(() -> flooder.send(new ArenaProtocol.Join("flooder", null), Channel.RELIABLE_ORDERED));
                await().atMost(Duration.ofSeconds(30)).until(() -> host.playerCount() == 2
                        && honest.report().playerId() >= 0);
                int flooderId = 1 - honest.report().playerId();
                float[] start = new float[2];
                hostLoop.runOnLoop(() -> {
                    host.world().playerById(flooderId).setPosition(4f, 4f);
                    start[0] = 4f;
                    start[1] = 4f;
                });
                long honestTicksBefore = honest.report().inputTicks();
                // 10 packets per tick for 2 seconds: tick numbers race ahead 10x faster than the host runs.
                int[] tick = {0};
                int[] sequence = {0};
                long floodStart = System.nanoTime();
                long floodNs = 2_000_000_000L;
                int ticks = 0;
                while (System.nanoTime() - floodStart < floodNs) {
                    clientLoop.runOnLoop(() -> {
                        for (int k = 0; k < 10 && flooder.isConnected(); k++) {
                            int t = tick[0]++;
                            Object[] inputs = {new PlayerInput(t, (byte) 127, (byte) 0, (short) 0, false, (byte) 0)};
                            flooder.send(new InputPacket(sequence[0]++, 0, t, inputs), Channel.UNRELIABLE);
                        }
                    });
                    Thread.sleep(1000 / ArenaRules.TICK_RATE_HZ);
                    ticks++;
                }
                double elapsedS = (System.nanoTime() - floodStart) / 1e9;
                await().atMost(Duration.ofSeconds(5)).pollDelay(Duration.ofMillis(500)).until(() -> true);
                int[] applied = {-1};
                long[] overflowed = {0};
                float[] end = new float[2];
                boolean[] present = {false};
                hostLoop.runOnLoop(() -> {
                    for (InputBuffer<PlayerInput> b : host.inputs().buffers().values()) {
                        overflowed[0] = Math.max(overflowed[0], b.inputsOverflowed());
                    }
                    var p = host.world().playerById(flooderId);
                    present[0] = p != null;
                    if (p != null) {
                        end[0] = p.x();
                        end[1] = p.y();
                    }
                });
                await().atMost(Duration.ofSeconds(5)).pollDelay(Duration.ofMillis(200)).until(() -> true);
                System.out.printf("sent %d inputs in %.1f s; overflowed %d; flooder %s at %.1f,%.1f; host rejected %d packets%n",
                        tick[0], elapsedS, overflowed[0], present[0] ? "still in" : "kicked", end[0], end[1],
                        host.inputs().rejectedPackets());
                // Sending stops once the host kicks the flooder for too many refused packets.
                assertThat(!present[0] || tick[0] > 5 * ticks).as("the flood really was ~10x the tick rate").isTrue();
                if (present[0]) {
                    // One input per host tick at most: no further than full speed for the time that passed (+1 s slack).
                    double maxTravel = PlayerMotion.SPEED_UNITS_PER_SECOND * (elapsedS + 1.5);
                    assertThat(Math.hypot(end[0] - start[0], end[1] - start[1])).isLessThanOrEqualTo(maxTravel);
                }
                assertThat(overflowed[0] > 0 || host.inputs().rejectedPackets() > 0 || !present[0])
                        .as("inputs beyond the fixed buffer were dropped, refused or the flooder kicked").isTrue();
                // The honest bot kept playing throughout.
                assertThat(honest.report().connected()).isTrue();
                await().atMost(Duration.ofSeconds(10)).until(() -> honest.report().inputTicks() > honestTicksBefore + 60);
            } finally {
                clientLoop.stop();
                hostLoop.stop();
                flooder.close();
                honest.close();
                host.close();
            }
        }
    }
}
