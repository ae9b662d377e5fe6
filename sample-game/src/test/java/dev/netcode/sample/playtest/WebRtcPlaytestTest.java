package dev.netcode.sample.playtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netcode.core.conditioner.LinkPreset;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short playtest (host + 2 bots, 8 s) over real WebRTC on loopback with in-process signaling,
 * judged through its JSON report. (The default, lobby-signaled variant: LobbyPlaytestTest.)
 */
@Tag("slow")
class WebRtcPlaytestTest {
    @Test
    @Timeout(120)
    void shortWebRtcPlaytestWritesAPassingReport(@TempDir Path dir) throws Exception {
        long seed = 12;
        System.out.println("seed " + seed);
        PlaytestResult result;
        try (PlaytestNetwork net = new WebRtcPlaytestNetwork(LinkPreset.LAN, seed)) {
            // Hitches are reported but not judged: see PlaytestTest (shared, overloaded test machine).
            result = new Playtest(net, 2, 8, seed, "lan", false).run(System.out::println);
        }
        System.out.print(PlaytestReport.table(result));
        PlaytestReport.write(result, dir);

        JsonNode json = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
        assertThat(json.get("transport").asText()).isEqualTo("WebRTC");
        assertThat(json.get("passed").asBoolean()).as(json.get("problems").toString()).isTrue();
        assertThat(json.get("clients")).hasSize(2);
        for (JsonNode c : json.get("clients")) {
            assertThat(c.get("connected").asBoolean()).isTrue();
            assertThat(c.get("transport").asText()).isEqualTo("WebRTC");
            assertThat(c.get("kbitPerSecondUp").asDouble()).isPositive();
            assertThat(c.get("kbitPerSecondDown").asDouble()).isPositive();
            assertThat(c.get("snapshotsReceived").asLong()).isPositive();
            assertThat(c.get("inputTicks").asLong()).isPositive();
        }
    }
}
