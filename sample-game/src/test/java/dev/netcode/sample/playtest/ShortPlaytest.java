package dev.netcode.sample.playtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;

/**
 * What the short playtest tests share: host + 2 bots for 8 s on a LAN link over the given
 * network, the report written to a directory and read back as JSON, and the checks every
 * transport must pass.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Hitches are reported but not judged here: on the shared 2-core test machine the host
 *       thread itself stalls now and then, which freezes clients for reasons that have nothing to
 *       do with the code under test (PlaytestTest checks them against the machine's stalls).</li>
 * </ul>
 */
final class ShortPlaytest {
    static final int BOTS = 2;
    static final int SECONDS = 8;

    private ShortPlaytest() {
    }

    /** Runs the playtest over {@code net} (closed afterwards), writes its report to {@code dir}, returns report.json. */
    static JsonNode run(PlaytestNetwork net, long seed, Path dir) throws Exception {
        PlaytestResult result;
        try (net) {
            result = new Playtest(net, BOTS, SECONDS, seed, "lan", false).run(System.out::println);
        }
        System.out.print(PlaytestReport.table(result));
        PlaytestReport.write(result, dir);
        return new ObjectMapper().readTree(dir.resolve("report.json").toFile());
    }

    /** The report passed, over {@code transport}, and every bot connected, sent inputs and got snapshots. */
    static void assertPassed(JsonNode json, String transport) {
        assertThat(json.get("transport").asText()).isEqualTo(transport);
        assertThat(json.get("passed").asBoolean()).as(json.get("problems").toString()).isTrue();
        assertThat(json.get("clients")).hasSize(BOTS);
        for (JsonNode c : json.get("clients")) {
            assertThat(c.get("connected").asBoolean()).isTrue();
            assertThat(c.get("kbitPerSecondUp").asDouble()).isPositive();
            assertThat(c.get("kbitPerSecondDown").asDouble()).isPositive();
            assertThat(c.get("snapshotsReceived").asLong()).isPositive();
            assertThat(c.get("inputTicks").asLong()).isPositive();
        }
    }
}
