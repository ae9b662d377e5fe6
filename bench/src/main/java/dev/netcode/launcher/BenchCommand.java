package dev.netcode.launcher;

import dev.netcode.bench.core.SerializationBenchmark;
import dev.netcode.bench.snapshot.ConditionedSnapshotBandwidth;
import dev.netcode.bench.snapshot.InterpolationBenchmark;
import dev.netcode.bench.snapshot.SnapshotBandwidthBenchmark;
import java.util.List;
import java.util.Locale;
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
        subcommands = {BenchCommand.Serialization.class, BenchCommand.SnapshotBandwidth.class,
                BenchCommand.Interpolation.class, PredictionBenchCommand.class, LobbyBenchCommand.class,
                DataChannelBenchCommand.class, HostScaleBenchCommand.class,
                ReceivePathBenchCommand.class})
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

    @Command(name = "snapshot-bandwidth", mixinStandardHelpOptions = true,
            description = "Gaffer on Games' 901-cube scenario at 60 snapshots/s through the broadband-p50 link: "
                    + "kbit/s of naive Kryo, quantized full state and delta snapshots; final line is JSON.")
    static final class SnapshotBandwidth implements Callable<Integer> {
        @Option(names = "--seconds", defaultValue = "20",
                description = "Simulated seconds (real time with --link conditioner). Default: ${DEFAULT-VALUE}.")
        double seconds;

        @Option(names = "--link", defaultValue = "conditioner",
                description = "conditioner: the real LinkPreset.BROADBAND_P50 conditioner over the in-memory transport "
                        + "with ReplicationServer/Client, in real time; model: the same link statistics simulated "
                        + "in virtual time (fast, deterministic). Default: ${DEFAULT-VALUE}.")
        String link;

        @Option(names = "--seed", defaultValue = "20261126", description = "Seed. Default: ${DEFAULT-VALUE}.")
        long seed;

        @Override
        public Integer call() {
            if (!(seconds > 0 && seconds <= 3600)) {
                System.err.println("--seconds must be in (0, 3600]");
                return 2;
            }
            String json;
            double ratio;
            double deltaKbps;
            if (link.equals("conditioner")) {
                System.out.printf(Locale.ROOT, "snapshot-bandwidth: %d cubes, 60 Hz, %.0f s through the real broadband-p50"
                        + " conditioner (in-memory transport, real time)%n", 901, seconds);
                ConditionedSnapshotBandwidth.Result r = ConditionedSnapshotBandwidth.run(seed, seconds, System.out::println);
                System.out.printf(Locale.ROOT, "naive_kryo %.1f kbit/s, quantized_full %.1f kbit/s, delta %.1f kbit/s"
                        + " (%.3f %% of naive), max packet %d B, client converged: %b%n", r.naiveKryoKbps(),
                        r.quantizedFullKbps(), r.deltaKbps(), 100 * r.deltaVsNaive(), r.maxPayloadBytes(), r.converged());
                json = r.toJson();
                ratio = r.deltaVsNaive();
                deltaKbps = r.deltaKbps();
            } else if (link.equals("model")) {
                System.out.printf(Locale.ROOT, "snapshot-bandwidth: 901 cubes, 60 Hz, %.0f s simulated over a seeded model"
                        + " of broadband-p50 (66 ms RTT, 11 ms jitter, 3 %% loss each way)%n", seconds);
                SnapshotBandwidthBenchmark.Options o = SnapshotBandwidthBenchmark.Options.DEFAULT;
                SnapshotBandwidthBenchmark.Result r = SnapshotBandwidthBenchmark.run(new SnapshotBandwidthBenchmark.Options(
                        seed, seconds, o.snapshotHz(), o.lossRate(), o.rttMs(), o.rttJitterMs()));
                json = r.toJson().replace("{\"bench\":\"snapshot-bandwidth\",",
                        "{\"bench\":\"snapshot-bandwidth\",\"link\":\"model\",\"preset\":\"broadband-p50\",");
                ratio = r.deltaVsNaive();
                deltaKbps = r.deltaKbps();
            } else {
                System.err.println("--link must be conditioner or model");
                return 2;
            }
            System.out.printf(Locale.ROOT, "targets: delta < 1.5 %% of naive_kryo: %s; delta < 250 kbit/s: %s%n",
                    ratio < 0.015 ? "met" : "MISSED", deltaKbps < 250 ? "met" : "MISSED");
            boolean met = ratio < 0.015 && deltaKbps < 250;
            System.out.println(json.substring(0, json.length() - 1) + ",\"targets_met\":" + met + "}");
            return 0;
        }
    }

    @Command(name = "interpolation", mixinStandardHelpOptions = true,
            description = "Renders entities on known paths at 60 fps from 20/30/60 Hz snapshots under lan, broadband-p50/p95, "
                    + "4g-p95 and Gaffer's 5 %% loss +-2 frames, plus a 2-second stall; final line is JSON.")
    static final class Interpolation implements Callable<Integer> {
        @Option(names = "--seconds", defaultValue = "300",
                description = "Simulated seconds per case (virtual time). Default: ${DEFAULT-VALUE}.")
        double seconds;

        @Option(names = "--seed", defaultValue = "20261126", description = "Seed. Default: ${DEFAULT-VALUE}.")
        long seed;

        @Option(names = "--seeds", defaultValue = "1",
                description = "Also repeat the cases with targets (broadband-p50, 4g-p95) over this many seeds and print"
                        + " the aggregate hitch rate (rare loss runs need more than one seed). Default: ${DEFAULT-VALUE}.")
        int seeds;

        @Override
        public Integer call() {
            if (seeds < 1 || seeds > 1000) {
                System.err.println("--seeds must be in [1, 1000]");
                return 2;
            }
            if (!(seconds >= 10 && seconds <= 36_000)) {
                System.err.println("--seconds must be in [10, 36000]");
                return 2;
            }
            System.out.printf(Locale.ROOT, "interpolation: %.0f s per case, 60 fps, seed %d%n", seconds, seed);
            List<InterpolationBenchmark.CaseResult> results = new java.util.ArrayList<>();
            for (InterpolationBenchmark.Link l : InterpolationBenchmark.LINKS) {
                for (int hz : new int[] {20, 30, 60}) {
                    InterpolationBenchmark.CaseResult r = InterpolationBenchmark.runCase(l, hz, seconds, seed);
                    results.add(r);
                    System.out.println(InterpolationBenchmark.describe(r));
                }
            }
            List<InterpolationBenchmark.StallResult> stalls = new java.util.ArrayList<>();
            for (int hz : new int[] {20, 30, 60}) {
                InterpolationBenchmark.StallResult s = InterpolationBenchmark.runStall(hz, seed);
                stalls.add(s);
                System.out.println(InterpolationBenchmark.describe(s));
            }
            if (seeds > 1) {
                for (InterpolationBenchmark.Link l : List.of(InterpolationBenchmark.LINKS.get(1), InterpolationBenchmark.LINKS.get(3))) {
                    for (int hz : new int[] {20, 30, 60}) {
                        System.out.println(InterpolationBenchmark.aggregate(l, hz, seconds, seed, seeds));
                    }
                }
            }
            System.out.println("targets (seed " + seed + "): 0 hitches at broadband-p50 (20/30/60 Hz) with delay <= 3 send"
                    + " intervals, <= 1 hitch/min at 4g-p95, stall recovery jump <= one send interval of motion: "
                    + (InterpolationBenchmark.allTargetsMet(results, stalls) ? "met" : "MISSED")
                    + (seeds > 1 ? " (the per-seed aggregates above show how rare the remaining hitches are)" : ""));
            System.out.println(InterpolationBenchmark.toJson(results, stalls, seconds, seed));
            return 0;
        }
    }
}
