package dev.netcode.launcher;

import dev.netcode.bench.receivepath.ReceiveOnlyBenchmark;
import dev.netcode.bench.receivepath.ReceivePathBenchmark;
import java.util.ArrayList;
import java.util.List;
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
 * {@code ./netcode bench receive-path}: two JMH benchmarks with the GC profiler.
 * {@link ReceiveOnlyBenchmark}: pre-encrypted datagrams fed to the receiving DTLS endpoint, decrypted,
 * received by SCTP and delivered borrowed (issue 11's receive-decrypt-deliver path; its
 * {@code gc.alloc.rate.norm} is the bytes per datagram), with an owning listener as the control.
 * {@link ReceivePathBenchmark}: the full round (send, encrypt, decrypt, deliver, SACK back), with
 * its allocation split into the receive side and the send side; see the benchmarks' Javadoc.
 */
@Command(name = "receive-path", mixinStandardHelpOptions = true,
        description = "JMH (-prof gc): the DataChannel receive path alone (pre-encrypted datagrams decrypted, received by "
                + "SCTP, delivered borrowed; owned delivery as the control) and the full round in process (send, "
                + "encrypt, decrypt, deliver, SACKs back); ns and bytes allocated per datagram/message.")
public final class ReceivePathBenchCommand implements Callable<Integer> {
    @Option(names = "--quick", description = "Shorter warm-up and measurement (a smoke run).")
    boolean quick;

    @Override
    public Integer call() {
        ChainedOptionsBuilder receiveOnly = new OptionsBuilder()
                .include(ReceiveOnlyBenchmark.class.getName() + ".*")
                .addProfiler(GCProfiler.class)
                .forks(1);
        ChainedOptionsBuilder roundTrip = new OptionsBuilder()
                .include(ReceivePathBenchmark.class.getName() + ".*")
                .addProfiler(GCProfiler.class)
                .forks(1);
        if (quick) {
            receiveOnly.warmupIterations(5).measurementIterations(5);
            roundTrip.warmupIterations(2).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(2).measurementTime(TimeValue.seconds(1));
        }
        List<RunResult> results = new ArrayList<>();
        try {
            results.addAll(new Runner(receiveOnly.build()).run());
            results.addAll(new Runner(roundTrip.build()).run());
        } catch (RunnerException e) {
            System.err.println("bench: JMH failed: " + e.getMessage());
            return 1;
        }
        System.out.println();
        System.out.println("alloc B/op = gc.alloc.rate.norm (-prof gc). receiveBorrowed/receiveOwned: one op = one datagram "
                + "received, decrypted and delivered (SACKs built, not encrypted); sendDecryptDeliver: one op = one "
                + "message round, split into rx (inside DtlsEndpoint.receive) and tx (DtlsEndpoint.send).");
        System.out.printf("%-28s %12s %14s %12s %12s%n", "benchmark", "ns/op", "alloc B/op", "rx B/op", "tx B/op");
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.') + 1);
            Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
            Result<?> rx = r.getSecondaryResults().get("rxAllocBytes");
            Result<?> tx = r.getSecondaryResults().get("txAllocBytes");
            double allocB = alloc == null ? Double.NaN : alloc.getScore();
            // The receive-only benchmarks are all rx: their whole allocation is the receive path.
            double rxB = rx != null ? rx.getStatistics().getMean() : name.startsWith("receive") ? allocB : Double.NaN;
            String txB = tx == null ? "-" : String.format(Locale.ROOT, "%.1f", tx.getStatistics().getMean());
            System.out.printf(Locale.ROOT, "%-28s %12.1f %14.2f %12.2f %12s%n", name, r.getPrimaryResult().getScore(),
                    allocB, rxB, txB);
        }
        return 0;
    }
}
