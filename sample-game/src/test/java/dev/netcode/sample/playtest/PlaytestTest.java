package dev.netcode.sample.playtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.netcode.core.conditioner.LinkPreset;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A short playtest (host + 2 bots, 8 s) over the in-memory transport, judged through its JSON report. */
class PlaytestTest {
    @Test
    @Timeout(90)
    void shortPlaytestWritesAPassingReport(@TempDir Path dir) throws Exception {
        long seed = 11;
        System.out.println("seed " + seed);
        JsonNode json = ShortPlaytest.run(new InMemoryPlaytestNetwork(LinkPreset.LAN, seed), seed, dir);
        ShortPlaytest.assertPassed(json, "in-memory");
        // Hitches are checked against the machine's stalls only (see ShortPlaytest).
        JsonNode host = json.get("host");
        long hitches = 0;
        for (JsonNode c : json.get("clients")) {
            assertThat(c.get("interpolationHitches").asLong()).isNotNegative();
            hitches += c.get("interpolationHitches").asLong();
        }
        if (host.get("hostLoopStalls").asLong() == 0 && host.get("botLoopStalls").asLong() == 0) {
            assertThat(hitches).as("no machine stall, so no interpolation hitch on a perfect link").isZero();
        }
        assertThat(json.get("host").get("ticks").asInt()).isGreaterThan(60 * 4);
        assertThat(json.get("series").get("seconds")).hasSize(ShortPlaytest.SECONDS);
        for (JsonNode chart : json.get("charts")) {
            Path png = dir.resolve(chart.asText());
            assertThat(Files.size(png)).isPositive();
            assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(800);
        }
    }
}
