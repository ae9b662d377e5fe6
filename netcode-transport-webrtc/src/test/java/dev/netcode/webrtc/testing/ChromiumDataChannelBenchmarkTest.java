package dev.netcode.webrtc.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One short run of the Chromium↔Chromium reference measurement; prints the figures. */
@ChromiumTest(fakeMedia = true)
@Tag("slow")
@Timeout(90)
class ChromiumDataChannelBenchmarkTest {

    @Test
    void measuresThroughputAndRoundTripInOnePage(ChromiumPage page) {
        ChromiumDataChannelBenchmark.Settings settings = ChromiumDataChannelBenchmark.Settings.quick();
        ChromiumDataChannelBenchmark.BenchFigures figures = ChromiumDataChannelBenchmark.run(page, settings);
        System.out.println("Chromium<->Chromium: " + figures.throughput16KiB());
        System.out.println("Chromium<->Chromium: " + figures.throughput64KiB());
        System.out.println("Chromium<->Chromium: " + figures.rtt32B());
        System.out.println("Chromium<->Chromium: pair " + figures.pair());
        System.out.println(figures.toJson());

        for (ThroughputResult run : new ThroughputResult[] {figures.throughput16KiB(), figures.throughput64KiB()}) {
            assertThat(run.totalBytes()).isGreaterThanOrEqualTo(settings.bulkBytes());
            assertThat(run.elapsedMs()).isPositive();
            assertThat(run.megabytesPerSecond()).isPositive();
        }
        assertThat(figures.rtt32B().samples()).isEqualTo(settings.rttSamples());
        assertThat(figures.rtt32B().crossOriginIsolated()).isTrue();
        assertThat(figures.rtt32B().p50Us()).isPositive().isLessThanOrEqualTo(figures.rtt32B().p99Us());
        // Only loopback candidates were signaled, so the remote end is loopback; Chromium may send
        // from any of its host sockets, but every address involved belongs to this machine.
        assertThat(figures.pair()).isNotNull();
        assertThat(figures.pair().remote().address()).isIn("127.0.0.1", "::1");
        assertThat(figures.pair().local().type()).isEqualTo("host");
        assertThat(isLocalAddress(figures.pair().local().address())).as("local address %s", figures.pair().local()).isTrue();
    }

    private static boolean isLocalAddress(String literal) {
        try {
            return java.net.NetworkInterface.getByInetAddress(java.net.InetAddress.getByName(literal)) != null;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
