package dev.netcode.sample.playtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
        JsonNode json = ShortPlaytest.run(new WebRtcPlaytestNetwork(LinkPreset.LAN, seed), seed, dir);
        ShortPlaytest.assertPassed(json, "WebRTC");
        for (JsonNode c : json.get("clients")) {
            assertThat(c.get("transport").asText()).isEqualTo("WebRTC");
        }
    }
}
