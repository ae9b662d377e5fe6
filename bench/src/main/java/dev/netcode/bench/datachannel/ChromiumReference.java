package dev.netcode.bench.datachannel;

import dev.netcode.webrtc.testing.ChromiumBrowser;
import dev.netcode.webrtc.testing.ChromiumDataChannelBenchmark;
import dev.netcode.webrtc.testing.ChromiumInstallation;
import java.time.Duration;
import java.util.Optional;

/**
 * The Chromium↔Chromium pair: one headless Debian Chromium with fake media (so a
 * {@code getUserMedia} grant makes it list loopback candidates), two {@code RTCPeerConnection}s
 * in one page, measured by the transport module's harness {@link ChromiumDataChannelBenchmark}
 * (test-jar {@code dev.netcode.webrtc.testing}).
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Needs {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} (or
 *       {@code -Dnetcode.chromium.binary} / {@code -Dnetcode.chromedriver}); {@link #problem()} says
 *       what is missing.</li>
 *   <li>The page's bulk runs are sized in bytes, not seconds: {@link #bulkBytesFor} converts with
 *       a guess of Chromium's speed, so a run takes about the requested time.</li>
 * </ul>
 */
final class ChromiumReference {
    /** Chromium↔Chromium on this machine moves about 27 MB/s (issue 5); size runs for that. */
    private static final double EXPECTED_MBPS = 27;

    private ChromiumReference() {
    }

    /** Why the browser cannot run, if it cannot. */
    static Optional<String> problem() {
        return ChromiumInstallation.detect().problem();
    }

    static long bulkBytesFor(double seconds) {
        long bytes = (long) (seconds * EXPECTED_MBPS * 1e6);
        long unit = 64 * 1024;
        return Math.max(unit * 16, bytes / unit * unit);
    }

    /** Launches the browser, measures, closes it. */
    static ChromiumDataChannelBenchmark.BenchFigures run(double seconds, int rttSamples) {
        ChromiumDataChannelBenchmark.Settings settings = new ChromiumDataChannelBenchmark.Settings(
                bulkBytesFor(seconds), rttSamples, 200, Duration.ofSeconds(120));
        try (ChromiumBrowser browser = ChromiumBrowser.launch(ChromiumBrowser.Options.defaults().withFakeMedia())) {
            return ChromiumDataChannelBenchmark.run(browser.page(), settings);
        }
    }
}
