package dev.netcode.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

@Timeout(90)
class PlaytestCommandTest {
    @Test
    void shortPlaytestConnectsEveryBotAndExchangesTrafficOnAllChannels() {
        long seed = 4242L;
        System.out.println("seed " + seed);
        int exit = new CommandLine(new PlaytestCommand())
                .execute("--bots", "3", "--seconds", "4", "--preset", "broadband-p95", "--seed", Long.toString(seed));
        assertThat(exit).isZero();
    }

    @Test
    void unknownPresetIsAUsageError() {
        int exit = new CommandLine(new PlaytestCommand()).execute("--preset", "dialup", "--seconds", "1");
        assertThat(exit).isEqualTo(2);
    }
}
