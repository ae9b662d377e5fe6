package dev.netcode.launcher;

import dev.netcode.bench.core.SerializationBenchmark;
import java.util.Collection;
import java.util.concurrent.Callable;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./netcode bench ...}: JMH benchmarks through the JMH Runner API, with a readable summary. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Runs JMH benchmarks and prints a summary.",
        subcommands = {BenchCommand.Serialization.class})
final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "serialization", mixinStandardHelpOptions = true,
            description = "Kryo message serialize/deserialize as core's send and receive paths do it, "
                    + "with JMH's GC profiler (bytes allocated per operation).")
    static final class Serialization implements Callable<Integer> {
        @Option(names = "--quick", description = "Shorter warm-up and measurement (a smoke run, noisier figures).")
        boolean quick;

        @Override
        public Integer call() {
            ChainedOptionsBuilder options = new OptionsBuilder()
                    .include(SerializationBenchmark.class.getName())
                    .addProfiler(GCProfiler.class)
                    .forks(1);
            if (quick) {
                options.warmupIterations(2).warmupTime(TimeValue.milliseconds(500))
                        .measurementIterations(3).measurementTime(TimeValue.milliseconds(500));
            }
            Collection<RunResult> results;
            try {
                results = new Runner(options.build()).run();
            } catch (RunnerException e) {
                System.err.println("bench: JMH failed: " + e.getMessage());
                System.err.println("(If another JMH run holds /tmp/jmh.lock, wait for it, or accept noisier timings with"
                        + " NETCODE_JAVA_OPTS=-Djmh.ignoreLock=true; allocation figures are unaffected.)");
                return 1;
            }
            System.out.println();
            System.out.println("Summary (serialize = core's whole send path up to the transport; "
                    + "target 0 B/op after warm-up):");
            System.out.printf("%-28s %12s %14s%n", "benchmark", "ns/op", "alloc B/op");
            boolean sendPathAllocates = false;
            for (RunResult r : results) {
                String name = r.getParams().getBenchmark();
                name = name.substring(name.lastIndexOf('.') + 1);
                double nsPerOp = r.getPrimaryResult().getScore();
                Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
                double bytesPerOp = alloc == null ? Double.NaN : alloc.getScore();
                System.out.printf("%-28s %12.1f %14.1f%n", name, nsPerOp, bytesPerOp);
                if (name.startsWith("serialize") && bytesPerOp >= 1.0) {
                    sendPathAllocates = true;
                }
            }
            if (sendPathAllocates) {
                System.out.println("NOTE: a serialize benchmark allocates; see the table above.");
            }
            return 0;
        }
    }
}
