package dev.netcode.bench.datachannel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netcode.webrtc.testing.ChromiumInstallation;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Short runs of {@code ./netcode bench datachannel}: the JSON parses and every figure is positive.
 * No timing bounds: the machine is shared.
 */
class DataChannelBenchmarkTest {

    @Test
    @Timeout(120)
    void javaAndRawUdpFiguresArePositive() throws Exception {
        DataChannelBenchmark.Result r = DataChannelBenchmark.run(
                new DataChannelBenchmark.Options(0.3, true, 1, 3), System.out::println);
        System.out.println(r.table());
        String json = r.toJson();
        System.out.println(json);
        JsonNode node = new ObjectMapper().readTree(json);
        assertThat(node.get("bench").asText()).isEqualTo("datachannel");
        assertThat(node.get("chromium_skipped").asText()).isEqualTo("--skip-chromium");
        for (String key : List.of("java_throughput_16k_MBps", "java_throughput_64k_MBps", "java_rtt_p50_us",
                "java_rtt_p99_us", "raw_udp_throughput_64k_MBps", "raw_udp_rtt_p50_us", "java_setup_cold_ms",
                "java_setup_warm_p50_ms", "java_vs_raw_udp_throughput", "java_vs_raw_udp_rtt_p50")) {
            assertThat(node.has(key)).as(key).isTrue();
            assertThat(node.get(key).asDouble()).as(key).isPositive().isFinite();
        }
        assertThat(node.get("java_rtt_p50_us").asDouble()).isLessThanOrEqualTo(node.get("java_rtt_p99_us").asDouble());
        assertAllNumbersPositive(node);
    }

    @Test
    @Tag("slow")
    @Timeout(180)
    void chromiumPairIsMeasuredInTheSameRun() throws Exception {
        ChromiumInstallation.detect().requireAvailable(); // fails on CI when missing, skips elsewhere
        DataChannelBenchmark.Result r = DataChannelBenchmark.run(
                new DataChannelBenchmark.Options(0.5, false, 1, 2), System.out::println);
        System.out.println(r.table());
        JsonNode node = new ObjectMapper().readTree(r.toJson());
        for (String key : List.of("chromium_throughput_16k_MBps", "chromium_throughput_64k_MBps", "chromium_rtt_p50_us",
                "java_vs_chromium_throughput", "java_vs_chromium_rtt_p50")) {
            assertThat(node.has(key)).as(key).isTrue();
        }
        assertAllNumbersPositive(node);
    }

    private static void assertAllNumbersPositive(JsonNode node) {
        List<String> bad = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            // Milestones are whole milliseconds of the PeerConnection clock: 0 is a valid reading.
            boolean mayBeZero = e.getKey().endsWith("_connected_p50_ms");
            if (e.getValue().isNumber() && !(e.getValue().asDouble() > 0 || mayBeZero && e.getValue().asDouble() == 0)) {
                bad.add(e.getKey() + "=" + e.getValue());
            }
        }
        assertThat(bad).as("non-positive figures").isEmpty();
    }
}
