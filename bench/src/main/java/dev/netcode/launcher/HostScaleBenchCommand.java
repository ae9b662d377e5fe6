package dev.netcode.launcher;

import dev.netcode.bench.hostscale.HostScaleBench;
import dev.netcode.bench.hostscale.HostScaleResult;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./netcode bench host-scale}: the sample game's dedicated host in this JVM serving N WebRTC
 * clients from a second JVM, ramped up; progress on stderr, the final one-line JSON on stdout, a
 * PNG chart and the JSON in the output folder.
 */
@Command(name = "host-scale", mixinStandardHelpOptions = true,
        description = "One host process (sample arenas on one UDP port, one host thread) serving N WebRTC clients "
                + "(a second JVM), ramped up; final one-line JSON (clients, setup p50/p99, late ticks %%, CPU, heap per "
                + "client, kbit/s per client, input loss) and a PNG chart of the curve.")
public final class HostScaleBenchCommand implements Callable<Integer> {
    @Option(names = "--clients", defaultValue = "500", description = "Clients at the last step (default ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--tick", defaultValue = "30", description = "Host tick rate in Hz (default ${DEFAULT-VALUE}).")
    int tickHz;

    @Option(names = "--seconds", defaultValue = "10", description = "Measured seconds per step (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--ramp", split = ",", description = "Client counts per step, rising (default: 50,100,200,300,500 cut "
            + "at --clients, ending with it).")
    int[] ramp;

    @Option(names = "--connect-timeout", defaultValue = "120", description = "Seconds to wait for a step's clients to join "
            + "(default ${DEFAULT-VALUE}).")
    int connectTimeoutSeconds;

    @Option(names = "--handshake-threads", description = "Host DTLS handshake threads (default: one per core).")
    Integer handshakeThreads;

    @Option(names = "--seed", defaultValue = "20261126", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", description = "Output folder (default: bench/target/host-scale-<time>).")
    Path out;

    @Override
    public Integer call() throws Exception {
        int[] steps = ramp != null ? ramp : HostScaleBench.Options.defaultRamp(clients);
        if (ramp != null && ramp.length > 0 && ramp[ramp.length - 1] != clients && clients != 500) {
            System.err.println("host-scale: --ramp ends at " + ramp[ramp.length - 1] + ", not --clients " + clients);
            return 2;
        }
        Path dir = out != null ? out : Path.of(System.getProperty("netcode.root", "."), "bench", "target",
                "host-scale-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        HostScaleBench.Options options;
        try {
            options = new HostScaleBench.Options(steps, tickHz, seconds, seed, dir, connectTimeoutSeconds,
                    handshakeThreads != null ? handshakeThreads : HostScaleBench.Options.defaultHandshakeThreads());
        } catch (IllegalArgumentException e) {
            System.err.println("host-scale: " + e.getMessage());
            return 2;
        }
        System.err.println("host-scale: ramp " + Arrays.toString(steps) + ", " + tickHz + " Hz, " + seconds
                + " s per step, output " + dir.toAbsolutePath());
        HostScaleResult r = HostScaleBench.run(options, line -> System.err.println("host-scale: " + line));
        System.err.println("host-scale: chart " + dir.resolve("host-scale.png").toAbsolutePath());
        System.out.println(r.json());
        return r.last().connected() > 0 ? 0 : 1;
    }
}
