package dev.netcode.bench.datachannel;

import dev.netcode.webrtc.PeerConnectionConfig;
import dev.netcode.webrtc.testing.ChromiumDataChannelBenchmark;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code ./netcode bench datachannel}: DataChannel bulk throughput and round-trip time on
 * loopback for three pairs measured in one run, plus Java connection setup time.
 *
 * <ul>
 *   <li><b>java</b>: two {@code PeerConnection}s in this JVM ({@link JavaDataChannelPair}), default
 *       settings except loopback-only host candidates;</li>
 *   <li><b>chromium</b>: two {@code RTCPeerConnection}s in one headless page ({@link ChromiumReference});</li>
 *   <li><b>raw_udp</b>: plain {@code DatagramChannel}s, no protocol ({@link RawUdpReference}): the
 *       physical ceiling.</li>
 * </ul>
 * Bulk: one reliable ordered channel, binary messages of 16 KiB and 64 KiB, paced by
 * {@code bufferedAmountLowThreshold}, from the first send to the last byte's arrival, after an
 * unrecorded warm-up. RTT: one 32-byte binary message at a time, echoed by the far peer. Setup:
 * {@code createOffer} until two in-band channels are open on both sides; "cold" is the first
 * connection of the JVM, "warm" the median after warm-up connections. MB = 10^6 bytes.
 *
 * <pre>{@code
 * Result r = DataChannelBenchmark.run(Options.defaults(), System.out::println);
 * System.out.println(r.toJson());
 * }</pre>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>All pairs share the machine (and with other processes): compare ratios measured in the
 *       same run, not absolute figures across runs.</li>
 *   <li>Raw UDP uses 1200-byte datagrams for bulk (the packet size SCTP uses), so its one bulk
 *       figure is the reference for both message sizes.</li>
 * </ul>
 */
public final class DataChannelBenchmark {
    private static final int RTT_BYTES = 32;
    private static final long TIMEOUT_MS = 30_000;

    private DataChannelBenchmark() {
    }

    /**
     * What to run.
     *
     * @param seconds         measured time per bulk run and per RTT run
     * @param skipChromium    leave out the browser pair
     * @param setupWarmups    unrecorded connections before the warm setup samples
     * @param setupSamples    warm setup samples (median reported)
     */
    public record Options(double seconds, boolean skipChromium, int setupWarmups, int setupSamples) {
        public Options {
            if (!(seconds > 0 && seconds <= 600) || setupWarmups < 0 || setupSamples < 1) {
                throw new IllegalArgumentException("need 0 < seconds <= 600, setupWarmups >= 0, setupSamples >= 1");
            }
        }

        public static Options defaults() {
            return new Options(3, false, 10, 20);
        }
    }

    /** Figures of one pair; NaN where not measured. */
    public record PairFigures(String pair, double throughput16kMBps, double throughput64kMBps, double rttP50Us,
            double rttP99Us, int rttSamples, double cpu64kMBps) {
    }

    /** Every figure of a run. */
    public record Result(PairFigures java, PairFigures chromium, PairFigures rawUdp, double javaSetupColdMs,
            double javaSetupWarmP50Ms, double javaSetupWarmMinMs, double javaSetupWarmIceP50Ms,
            double javaSetupWarmDtlsP50Ms, String chromiumSkippedBecause) {

        /** Final one-line JSON: every figure, the ratios, and which pairs ran (MB = 10^6 bytes). */
        public String toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("bench", "datachannel");
            for (PairFigures p : chromium == null ? List.of(java, rawUdp) : List.of(java, chromium, rawUdp)) {
                if (!Double.isNaN(p.throughput16kMBps())) {
                    m.put(p.pair() + "_throughput_16k_MBps", p.throughput16kMBps());
                }
                m.put(p.pair() + "_throughput_64k_MBps", p.throughput64kMBps());
                m.put(p.pair() + "_rtt_p50_us", p.rttP50Us());
                m.put(p.pair() + "_rtt_p99_us", p.rttP99Us());
                m.put(p.pair() + "_rtt_samples", p.rttSamples());
                if (!Double.isNaN(p.cpu64kMBps())) {
                    m.put(p.pair() + "_64k_MB_per_cpu_s", p.cpu64kMBps());
                }
            }
            m.put("java_setup_cold_ms", javaSetupColdMs);
            m.put("java_setup_warm_p50_ms", javaSetupWarmP50Ms);
            m.put("java_setup_warm_min_ms", javaSetupWarmMinMs);
            m.put("java_setup_warm_ice_connected_p50_ms", javaSetupWarmIceP50Ms);
            m.put("java_setup_warm_dtls_connected_p50_ms", javaSetupWarmDtlsP50Ms);
            if (chromium != null) {
                m.put("java_vs_chromium_throughput", java.throughput64kMBps() / chromium.throughput64kMBps());
                m.put("java_vs_chromium_throughput_16k", java.throughput16kMBps() / chromium.throughput16kMBps());
                m.put("java_vs_chromium_rtt_p50", java.rttP50Us() / chromium.rttP50Us());
            } else {
                m.put("chromium_skipped", chromiumSkippedBecause);
            }
            m.put("java_vs_raw_udp_throughput", java.throughput64kMBps() / rawUdp.throughput64kMBps());
            m.put("java_vs_raw_udp_rtt_p50", java.rttP50Us() / rawUdp.rttP50Us());
            StringBuilder sb = new StringBuilder("{");
            for (Map.Entry<String, Object> e : m.entrySet()) {
                if (sb.length() > 1) {
                    sb.append(',');
                }
                sb.append('"').append(e.getKey()).append("\":");
                Object v = e.getValue();
                if (v instanceof Double d) {
                    sb.append(String.format(Locale.ROOT, Math.abs(d) >= 100 ? "%.1f" : "%.3f", d));
                } else if (v instanceof Integer i) {
                    sb.append(i);
                } else {
                    sb.append('"').append(String.valueOf(v).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
                }
            }
            return sb.append('}').toString();
        }

        /** A readable table, one row per pair. */
        public String table() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "%-10s %14s %14s %12s %12s %9s %16s%n", "pair", "16KiB MB/s", "64KiB MB/s",
                    "RTT p50 us", "RTT p99 us", "samples", "64KiB MB/cpu-s"));
            for (PairFigures p : chromium == null ? List.of(java, rawUdp) : List.of(java, chromium, rawUdp)) {
                sb.append(String.format(Locale.ROOT, "%-10s %14s %14.1f %12.0f %12.0f %9d %16s%n", p.pair(),
                        Double.isNaN(p.throughput16kMBps()) ? "-" : String.format(Locale.ROOT, "%.1f", p.throughput16kMBps()),
                        p.throughput64kMBps(), p.rttP50Us(), p.rttP99Us(), p.rttSamples(),
                        Double.isNaN(p.cpu64kMBps()) ? "-" : String.format(Locale.ROOT, "%.1f", p.cpu64kMBps())));
            }
            sb.append(String.format(Locale.ROOT, "java setup createOffer->channels open: cold %.1f ms, warm p50 %.2f ms"
                    + " (min %.2f ms; of which ICE connected at p50 %.1f ms, DTLS connected at p50 %.1f ms)%n",
                    javaSetupColdMs, javaSetupWarmP50Ms, javaSetupWarmMinMs, javaSetupWarmIceP50Ms, javaSetupWarmDtlsP50Ms));
            sb.append("(raw_udp bulk uses 1200-byte datagrams; its figure is shown in the 64 KiB column. MB/cpu-s: bytes per"
                    + " second of this process's CPU time, both peers together; it hardly depends on machine load)");
            return sb.toString();
        }
    }

    /** The configuration of the Java peers: defaults, loopback host candidates only. */
    public static PeerConnectionConfig javaConfig() {
        return PeerConnectionConfig.builder().hostAddresses(List.of(InetAddress.getLoopbackAddress())).build();
    }

    /** Runs everything; {@code progress} gets a line per step. */
    public static Result run(Options options, Consumer<String> progress) throws Exception {
        long durationNs = (long) (options.seconds() * 1e9);
        PeerConnectionConfig config = javaConfig();

        progress.accept("java: setup (1 cold, " + options.setupWarmups() + " warm-up, " + options.setupSamples()
                + " measured connections)");
        double coldMs;
        try (JavaDataChannelPair first = JavaDataChannelPair.connect(config, TIMEOUT_MS)) {
            coldMs = first.setupNs() / 1e6;
        }
        for (int i = 0; i < options.setupWarmups(); i++) {
            JavaDataChannelPair.connect(config, TIMEOUT_MS).closeAndSettle(TIMEOUT_MS);
        }
        long[] setups = new long[options.setupSamples()];
        long[] ice = new long[setups.length];
        long[] dtls = new long[setups.length];
        long[][] milestones = new long[JavaDataChannelPair.MILESTONES.size()][setups.length];
        for (int i = 0; i < setups.length; i++) {
            // Each sample starts on quiet loops: the previous pair's teardown is not part of it.
            JavaDataChannelPair p = JavaDataChannelPair.connect(config, TIMEOUT_MS);
            setups[i] = p.setupNs();
            ice[i] = p.iceConnectedMs();
            dtls[i] = p.dtlsConnectedMs();
            long[] m = p.milestonesUs();
            for (int k = 0; k < m.length; k++) {
                milestones[k][i] = m[k];
            }
            p.closeAndSettle(TIMEOUT_MS);
        }
        progress.accept("java: setup milestones, p50 us from createOffer: " + milestoneMedians(milestones));
        Arrays.sort(ice);
        Arrays.sort(dtls);
        Arrays.sort(setups);
        double warmP50Ms = LatencySamples.percentile(setups, 0.5) / 1e6;
        double warmMinMs = setups[0] / 1e6;

        PairFigures java;
        try (JavaDataChannelPair pair = JavaDataChannelPair.connect(config, TIMEOUT_MS)) {
            // Unrecorded: C2 needs a few seconds of the whole path (BouncyCastle record layer, SCTP,
            // Netty) before the figures settle, longer on a loaded machine.
            progress.accept("java: warm-up");
            pair.bulk(64 * 1024, Math.max(durationNs, 2_000_000_000L), TIMEOUT_MS);
            pair.bulk(16 * 1024, Math.max(durationNs / 2, 1_000_000_000L), TIMEOUT_MS);
            pair.rtt(RTT_BYTES, 2_000, 1, 1, 0, TIMEOUT_MS);
            progress.accept("java: bulk 16 KiB");
            JavaDataChannelPair.BulkResult b16 = pair.bulk(16 * 1024, durationNs, TIMEOUT_MS);
            progress.accept("java: bulk 64 KiB");
            JavaDataChannelPair.BulkResult b64 = pair.bulk(64 * 1024, durationNs, TIMEOUT_MS);
            progress.accept("java: RTT of 32-byte messages");
            LatencySamples rtt = pair.rtt(RTT_BYTES, 200, 1_000, 1_000_000, durationNs, TIMEOUT_MS);
            java = new PairFigures("java", b16.megabytesPerSecond(), b64.megabytesPerSecond(), rtt.p50Us(),
                    rtt.p99Us(), rtt.samples(), b64.megabytesPerCpuSecond());
        }

        progress.accept("raw_udp: bulk and RTT");
        RawUdpReference.throughput(Math.min(durationNs, 500_000_000L)); // warm-up
        JavaDataChannelPair.BulkResult udp = RawUdpReference.throughput(durationNs);
        LatencySamples udpRtt = RawUdpReference.rtt(RTT_BYTES, 2_000, 1_000, 1_000_000, durationNs);
        PairFigures raw = new PairFigures("raw_udp", Double.NaN, udp.megabytesPerSecond(), udpRtt.p50Us(),
                udpRtt.p99Us(), udpRtt.samples(), udp.megabytesPerCpuSecond());

        PairFigures chromium = null;
        String skipped = null;
        if (options.skipChromium()) {
            skipped = "--skip-chromium";
        } else if (ChromiumReference.problem().isPresent()) {
            skipped = ChromiumReference.problem().get();
        } else {
            progress.accept("chromium: launching headless Chromium, bulk and RTT in one page");
            int rttSamples = (int) Math.max(500, Math.min(20_000, options.seconds() * 1_500));
            ChromiumDataChannelBenchmark.BenchFigures f = ChromiumReference.run(options.seconds(), rttSamples);
            chromium = new PairFigures("chromium", f.throughput16KiB().megabytesPerSecond(),
                    f.throughput64KiB().megabytesPerSecond(), f.rtt32B().p50Us(), f.rtt32B().p99Us(), f.rtt32B().samples(), Double.NaN);
        }
        return new Result(java, chromium, raw, coldMs, warmP50Ms, warmMinMs, LatencySamples.percentile(ice, 0.5),
                LatencySamples.percentile(dtls, 0.5), skipped);
    }

    /** "name=p50" for each of {@link JavaDataChannelPair#MILESTONES}. */
    static String milestoneMedians(long[][] milestones) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < milestones.length; k++) {
            long[] v = milestones[k].clone();
            Arrays.sort(v);
            sb.append(k == 0 ? "" : ", ").append(JavaDataChannelPair.MILESTONES.get(k)).append('=')
                    .append(v[v.length / 2]);
        }
        return sb.toString();
    }

    /** Milliseconds for log lines. */
    static long ms(long ns) {
        return TimeUnit.NANOSECONDS.toMillis(ns);
    }
}
