package dev.netcode.launcher;

import dev.netcode.bench.lobby.LobbyLoadBench;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./netcode bench lobby}: holds as many concurrent lobby WebSocket sessions as this machine
 * allows (up to {@code --sessions}), puts them in rooms, relays signaling between room members at a
 * rising rate until the lobby no longer keeps up, and prints progress to stderr and a final one-line
 * JSON to stdout.
 */
@Command(name = "lobby", mixinStandardHelpOptions = true,
        description = "Lobby load: concurrent WebSocket sessions in rooms relaying signals (embedded store, lobby in a child JVM); "
                + "final one-line JSON with sessions held, messages/s, p99 relay latency and heap bytes per session.")
public final class LobbyBenchCommand implements Callable<Integer> {
    @Option(names = "--sessions", defaultValue = "10000",
            description = "Sessions to open (default ${DEFAULT-VALUE}); capped by ulimit -n, the JSON says how many were held.")
    int sessions;

    @Option(names = "--room-size", defaultValue = "4", description = "Sessions per room (default ${DEFAULT-VALUE}).")
    int roomSize;

    @Option(names = "--rate", description = "Hold this many signals per second (in total) once, instead of the ramp.")
    Integer rate;

    @Option(names = "--start-rate", defaultValue = "1000", description = "Ramp: first rate in signals/s (default ${DEFAULT-VALUE}); "
            + "x1.5 per sustained step.")
    int startRate;

    @Option(names = "--max-rate", defaultValue = "200000", description = "Ramp: stop at this rate (default ${DEFAULT-VALUE}).")
    int maxRate;

    @Option(names = "--max-p99-ms", defaultValue = "100", description = "A step whose p99 relay latency exceeds this is not "
            + "sustained (default ${DEFAULT-VALUE}).")
    double maxP99Ms;

    @Option(names = "--duration", defaultValue = "5", description = "Measured seconds per rate step, after 1 s of warm-up "
            + "(default ${DEFAULT-VALUE}).")
    int durationSeconds;

    @Option(names = "--payload-chars", defaultValue = "200", description = "Signal payload padding, about an ICE candidate (default ${DEFAULT-VALUE}).")
    int payloadChars;

    @Option(names = "--connect-concurrency", defaultValue = "256", description = "WebSocket handshakes in flight (default ${DEFAULT-VALUE}).")
    int connectConcurrency;

    @Option(names = "--seed", description = "Seed for the send schedule (default: time-based, in the JSON).")
    Long seed;

    @Override
    public Integer call() throws Exception {
        long s = seed != null ? seed : System.nanoTime();
        LobbyLoadBench.Options options = new LobbyLoadBench.Options(sessions, roomSize, rate != null ? rate : startRate,
                rate == null, maxRate, maxP99Ms, durationSeconds, payloadChars, connectConcurrency, s);
        LobbyLoadBench.Result result = LobbyLoadBench.run(options, line -> System.err.println("bench lobby: " + line));
        System.out.println(result.json());
        return result.sessionsHeld() >= 2 ? 0 : 1;
    }
}
