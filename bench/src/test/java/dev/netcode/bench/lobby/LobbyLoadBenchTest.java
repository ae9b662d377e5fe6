package dev.netcode.bench.lobby;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A short {@code bench lobby} run: 200 real WebSocket sessions against a lobby child JVM. */
@Timeout(180)
class LobbyLoadBenchTest {

    @Test
    void holdsEverySessionRelaysSignalsAndPrintsTheJsonLine() throws Exception {
        long seed = System.nanoTime();
        System.out.println("LobbyLoadBenchTest seed=" + seed);
        LobbyLoadBench.Options options = new LobbyLoadBench.Options(200, 4, 200, true, 450, 10_000, 2, 200, 64, seed);
        LobbyLoadBench.Result result = LobbyLoadBench.run(options, line -> System.out.println("bench lobby: " + line));
        String line = result.json();
        System.out.println(line);
        assertThat(line).doesNotContain("\n");

        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.path("bench").asText()).isEqualTo("lobby");
        assertThat(json.path("sessionsRequested").asInt()).isEqualTo(200);
        assertThat(json.path("sessionsHeld").asInt()).isEqualTo(200);
        assertThat(json.path("sessionsAtEnd").asInt()).isEqualTo(200);
        assertThat(json.path("rooms").asInt()).isEqualTo(50);
        assertThat(json.path("limitedBy").asText()).isEqualTo("none");
        assertThat(json.path("connectFailures").asInt()).isZero();
        // A ramp 200 -> 300 -> 450 signals/s; with a 10 s latency bound only loss can stop it, and
        // a lobby on loopback loses nothing: every step is sustained, the last is reported.
        JsonNode steps = json.path("steps");
        assertThat(steps.size()).isEqualTo(3);
        assertThat(steps.get(0).path("offered").asInt()).isEqualTo(200);
        assertThat(steps.get(2).path("offered").asInt()).isEqualTo(450);
        for (JsonNode step : steps) {
            assertThat(step.path("sustained").asBoolean()).as(step.toString()).isTrue();
            assertThat(step.path("received").asLong()).isEqualTo(step.path("sent").asLong());
        }
        assertThat(json.path("rateSustained").asBoolean()).isTrue();
        assertThat(json.path("offeredSignalsPerSecond").asInt()).isEqualTo(450);
        assertThat(json.path("signalsSent").asLong()).isGreaterThan(800);
        assertThat(json.path("signalErrors").asLong()).isZero();
        assertThat(json.path("messagesPerSecond").asDouble()).isGreaterThan(0);
        assertThat(json.path("p99RelayLatencyMs").asDouble()).isGreaterThan(0)
                .isGreaterThanOrEqualTo(json.path("p50RelayLatencyMs").asDouble());
        // With 100 sessions per wave the per-session heap figure is within GC noise (a few hundred
        // KiB); it is only checked for being measured, not for its size.
        assertThat(json.path("heapBytesPerSession").asLong()).isNotNegative();
        assertThat(json.path("serverHeapBytesBaseline").asLong()).isPositive();
        assertThat(json.path("serverHeapBytesLoaded").asLong()).isPositive();
        assertThat(json.path("ulimitN").asLong()).isNotZero();
    }
}
