package dev.netcode.sample.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.badlogic.gdx.backends.headless.HeadlessApplication;
import com.badlogic.gdx.backends.headless.HeadlessApplicationConfiguration;
import dev.netcode.sample.JavaProcess;
import dev.netcode.sample.sim.ArenaRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class DedicatedHostTest {
    @Test
    @Timeout(60)
    void startsTicksWithHooksAndStops() throws Exception {
        DedicatedHost host = new DedicatedHost(42, 4);
        AtomicInteger collected = new AtomicInteger();
        AtomicInteger afterTicks = new AtomicInteger();
        host.addInputSource((world, tick, inputs) -> {
            assertThat(tick).isEqualTo(world.tick() + 1);
            collected.incrementAndGet();
        });
        host.addTickListener(world -> afterTicks.incrementAndGet());
        HeadlessApplicationConfiguration config = new HeadlessApplicationConfiguration();
        config.updatesPerSecond = 2 * ArenaRules.TICK_RATE_HZ;
        new HeadlessApplication(host, config);
        assertThat(host.awaitStarted(30, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> host.ticks() >= 60);

        host.requestStop();
        assertThat(host.awaitStopped(10, TimeUnit.SECONDS)).isTrue();
        int ticksAtStop = host.ticks();
        Thread.sleep(200);
        assertThat(host.ticks()).isEqualTo(ticksAtStop);
        assertThat(collected.get()).isEqualTo(ticksAtStop);
        assertThat(afterTicks.get()).isEqualTo(ticksAtStop);
    }

    @Test
    @Timeout(90)
    void hostProcessStopsCleanlyOnSigterm() throws Exception {
        Path log = Files.createTempFile("host", ".log");
        ProcessBuilder pb = new ProcessBuilder(JavaProcess.command(HostMain.class,
                List.of("-Xmx256m", "-Djava.awt.headless=true"), "--bots", "4", "--seed", "7"));
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        Process process = pb.start();
        try {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> Files.readString(log).contains("host running"));
            Thread.sleep(500); // let it tick
            process.destroy(); // SIGTERM on Linux
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
            List<String> lines = Files.readAllLines(log);
            System.out.println(String.join("\n", lines));
            // 143 = 128 + SIGTERM: the JVM ran its shutdown hooks and exited because of the signal.
            assertThat(process.exitValue()).isEqualTo(143);
            String stopLine = lines.stream().filter(l -> l.startsWith("host stopped after")).findFirst().orElse("");
            assertThat(stopLine).as("output: %s", lines).isNotEmpty();
            int ticks = Integer.parseInt(stopLine.replaceAll("\\D+", " ").trim().split(" ")[0]);
            assertThat(ticks).isPositive();
            assertThat(lines).noneMatch(l -> l.contains("did not stop"));
        } finally {
            process.destroyForcibly();
        }
    }
}
