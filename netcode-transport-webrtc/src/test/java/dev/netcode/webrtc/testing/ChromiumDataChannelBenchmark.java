package dev.netcode.webrtc.testing;

import java.time.Duration;
import java.util.Locale;

/**
 * The Chromium↔Chromium reference figures: two {@code RTCPeerConnection}s in one headless page,
 * connected over loopback, measured entirely inside the page (no chromedriver round trip in the
 * timed path). These are the browser numbers our Java peer is compared with.
 *
 * <pre>{@code
 * BenchFigures figures = ChromiumDataChannelBenchmark.run(page, Settings.quick());
 * System.out.println(figures.toJson());
 * }</pre>
 *
 * <p>What is measured:
 * <ul>
 *   <li>bulk throughput, one reliable ordered channel, binary messages of 16 KiB and of 64 KiB,
 *       sender paced by {@code bufferedAmountLowThreshold} (refill on the low event), timed from
 *       the first {@code send()} to the arrival of the last byte, after an unrecorded 8 MiB
 *       warm-up;</li>
 *   <li>round-trip time of 32-byte binary messages sent one at a time on a second channel whose
 *       far end echoes, after a warm-up; p50 and p99 in microseconds with the page cross-origin
 *       isolated (5 µs timer resolution).</li>
 * </ul>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Needs a browser with {@link ChromiumBrowser.Options#withFakeMedia()}: the run calls
 *       {@code getUserMedia} so Chromium lists its loopback address, and only loopback candidates are
 *       signaled. The sending socket may still be any of Chromium's host addresses (it checks
 *       from all of them); every address is local, so the data never leaves the machine.</li>
 *   <li>Both peers share one renderer process: figures include that contention, as the reference
 *       numbers in issue 5 did.</li>
 * </ul>
 */
public final class ChromiumDataChannelBenchmark {

    /** How much to send. */
    public record Settings(long bulkBytes, int rttSamples, int rttWarmup, Duration timeout) {
        public Settings {
            if (bulkBytes < 64 * 1024 || rttSamples < 1 || rttWarmup < 0) {
                throw new IllegalArgumentException("need bulkBytes >= 64 KiB, rttSamples >= 1, rttWarmup >= 0");
            }
        }

        /** About 3 s on the 2-core test machine: 32 MiB per message size, 2,000 RTT samples. */
        public static Settings quick() {
            return new Settings(32L * 1024 * 1024, 2_000, 200, Duration.ofSeconds(60));
        }
    }

    /** All figures of one run, plus the candidate pair the data went over. */
    public record BenchFigures(ThroughputResult throughput16KiB, ThroughputResult throughput64KiB, RttResult rtt32B,
            BrowserPeer.CandidatePair pair, long setupMs) {

        /** One-line JSON with the figures (MB = 10^6 bytes). */
        public String toJson() {
            return String.format(Locale.ROOT,
                    "{\"pair\":\"chromium-chromium\",\"throughput_16k_MBps\":%.2f,\"throughput_64k_MBps\":%.2f,"
                            + "\"rtt_p50_us\":%.0f,\"rtt_p99_us\":%.0f,\"rtt_samples\":%d,\"setup_ms\":%d,"
                            + "\"path\":\"%s:%d->%s:%d\"}",
                    throughput16KiB.megabytesPerSecond(), throughput64KiB.megabytesPerSecond(), rtt32B.p50Us(),
                    rtt32B.p99Us(), rtt32B.samples(), setupMs, pair == null ? "?" : pair.local().address(),
                    pair == null ? 0 : pair.local().port(), pair == null ? "?" : pair.remote().address(),
                    pair == null ? 0 : pair.remote().port());
        }
    }

    private ChromiumDataChannelBenchmark() {
    }

    /** Runs the measurements in {@code page}; the peers it creates are closed afterwards. */
    public static BenchFigures run(ChromiumPage page, Settings settings) {
        page.requestAudioPermission();
        BrowserPeer sender = page.createPeer(RtcConfiguration.defaults());
        BrowserPeer receiver = page.createPeer(RtcConfiguration.defaults(), true, 16);
        try {
            long start = System.nanoTime();
            BrowserDataChannel bulk = sender.createDataChannel("bulk");
            BrowserDataChannel ping = sender.createDataChannel("ping");
            page.connectPair(sender, receiver, settings.timeout(), true);
            bulk.awaitOpen(settings.timeout());
            ping.awaitOpen(settings.timeout());
            BrowserDataChannel bulkSink = receiver.awaitRemoteChannel("bulk", settings.timeout());
            receiver.awaitRemoteChannel("ping", settings.timeout()); // echo mode: an echo peer
            long setupMs = (System.nanoTime() - start) / 1_000_000;
            bulkSink.discard();

            // Warm-up, not recorded: SCTP slow start and the JIT of both renderers' paths.
            page.measureThroughput(bulk, bulkSink, 16 * 1024, Math.min(settings.bulkBytes(), 8L * 1024 * 1024),
                    settings.timeout());
            ThroughputResult small = page.measureThroughput(bulk, bulkSink, 16 * 1024, settings.bulkBytes(), settings.timeout());
            ThroughputResult large = page.measureThroughput(bulk, bulkSink, 64 * 1024, settings.bulkBytes(), settings.timeout());
            RttResult rtt = page.measureRtt(ping, 32, settings.rttSamples(), settings.rttWarmup(), settings.timeout());
            return new BenchFigures(small, large, rtt, sender.selectedCandidatePair(), setupMs);
        } finally {
            sender.close();
            receiver.close();
        }
    }
}
