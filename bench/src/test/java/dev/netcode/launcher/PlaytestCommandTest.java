package dev.netcode.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@Timeout(90)
class PlaytestCommandTest {
    @Test
    void shortPlaytestConnectsEveryBotAndWritesTheReport(@TempDir Path dir) throws Exception {
        long seed = 4242L;
        System.out.println("seed " + seed);
        int exit = new CommandLine(new PlaytestCommand()).execute("--bots", "3", "--seconds", "5",
                "--preset", "broadband-p95", "--seed", Long.toString(seed), "--transport", "memory",
                "--out", dir.toString());
        assertThat(exit).isZero();
        JsonNode json = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
        assertThat(json.get("transport").asText()).isEqualTo("in-memory");
        assertThat(json.get("clients")).hasSize(3);
        assertThat(dir.resolve("rtt.png")).exists();
    }

    @Test
    void unknownPresetIsAUsageError() {
        int exit = new CommandLine(new PlaytestCommand()).execute("--preset", "dialup", "--seconds", "1");
        assertThat(exit).isEqualTo(2);
    }
}
