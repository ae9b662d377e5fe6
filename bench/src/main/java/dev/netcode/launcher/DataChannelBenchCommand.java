package dev.netcode.launcher;

import dev.netcode.bench.datachannel.DataChannelBenchmark;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./netcode bench datachannel}: Java vs Chromium vs raw UDP on loopback, in one run. */
@Command(name = "datachannel", mixinStandardHelpOptions = true,
        description = "DataChannel bulk throughput (16 and 64 KiB messages, reliable ordered) and 32-byte RTT on loopback "
                + "for Java<->Java, Chromium<->Chromium (one headless page) and raw UDP, plus Java createOffer->open "
                + "setup time; prints a table and a final one-line JSON with the ratios.")
final class DataChannelBenchCommand implements Callable<Integer> {
    @Option(names = "--seconds", defaultValue = "3",
            description = "Measured seconds per bulk run and per RTT run. Default: ${DEFAULT-VALUE}.")
    double seconds;

    @Option(names = "--skip-chromium", description = "Leave out the Chromium<->Chromium pair.")
    boolean skipChromium;

    @Option(names = "--setup-samples", defaultValue = "50",
            description = "Warm connections measured for the setup median. Default: ${DEFAULT-VALUE}.")
    int setupSamples;

    @Option(names = "--setup-warmups", defaultValue = "500",
            description = "Unmeasured connections before the setup samples: the JIT needs a few hundred to compile the "
                    + "handshake code, as in a long-running host (\"once warm\"); 10 shows a young JVM. "
                    + "Default: ${DEFAULT-VALUE}.")
    int setupWarmups;

    @Override
    public Integer call() throws Exception {
        DataChannelBenchmark.Options options;
        try {
            options = new DataChannelBenchmark.Options(seconds, skipChromium, setupWarmups, setupSamples);
        } catch (IllegalArgumentException e) {
            System.err.println("bench datachannel: " + e.getMessage());
            return 2;
        }
        System.out.printf("bench datachannel: %.1f s per run, loopback, %d cores%n", seconds,
                Runtime.getRuntime().availableProcessors());
        DataChannelBenchmark.Result r = DataChannelBenchmark.run(options, line -> System.out.println("  " + line));
        System.out.println();
        System.out.println(r.table());
        if (r.chromium() == null) {
            System.out.println("chromium skipped: " + r.chromiumSkippedBecause());
        }
        System.out.println(r.toJson());
        return 0;
    }
}
