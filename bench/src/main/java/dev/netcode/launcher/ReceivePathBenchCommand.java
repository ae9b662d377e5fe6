package dev.netcode.launcher;

import dev.netcode.bench.receivepath.ReceivePathBenchmark;
import java.util.Collection;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./netcode bench receive-path}: {@link ReceivePathBenchmark} under JMH with the GC profiler;
 * prints ns and bytes allocated per message, in total and split into the receive side (decrypt,
 * SCTP receive, delivery) and the send side (SCTP packets encrypted), see the benchmark's Javadoc.
 */
@Command(name = "receive-path", mixinStandardHelpOptions = true,
        description = "JMH (-prof gc): one DataChannel message through SCTP, DTLS encrypt, DTLS decrypt, SCTP receive and "
                + "DataChannel delivery in process, SACKs back; ns and bytes allocated per message.")
public final class ReceivePathBenchCommand implements Callable<Integer> {
    @Option(names = "--quick", description = "Shorter warm-up and measurement (a smoke run).")
    boolean quick;

    @Override
    public Integer call() {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(ReceivePathBenchmark.class.getName())
                .addProfiler(GCProfiler.class)
                .forks(1);
        if (quick) {
            options.warmupIterations(2).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(2).measurementTime(TimeValue.seconds(1));
        }
        Collection<RunResult> results;
        try {
            results = new Runner(options.build()).run();
        } catch (RunnerException e) {
            System.err.println("bench: JMH failed: " + e.getMessage());
            return 1;
        }
        System.out.println();
        System.out.printf("%-28s %12s %14s %12s %12s%n", "benchmark", "ns/op", "alloc B/op", "rx B/op", "tx B/op");
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.') + 1);
            Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
            Result<?> rx = r.getSecondaryResults().get("rxAllocBytes");
            Result<?> tx = r.getSecondaryResults().get("txAllocBytes");
            System.out.printf(Locale.ROOT, "%-28s %12.1f %14.1f %12.1f %12.1f%n", name, r.getPrimaryResult().getScore(),
                    alloc == null ? Double.NaN : alloc.getScore(), rx == null ? Double.NaN : rx.getStatistics().getMean(),
                    tx == null ? Double.NaN : tx.getStatistics().getMean());
        }
        return 0;
    }
}
