package dev.netcode.launcher;

import dev.netcode.bench.lobby.LobbyLoadBench;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./netcode bench lobby}: holds as many concurrent lobby WebSocket sessions as this machine
 * allows (up to {@code --sessions}), puts them in rooms, relays signaling between room members, and
 * prints progress to stderr and a final one-line JSON to stdout.
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

    @Option(names = "--rate", defaultValue = "10000", description = "Signals per second offered in total (default ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--duration", defaultValue = "10", description = "Measured relay seconds after 1 s of warm-up (default ${DEFAULT-VALUE}).")
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
        LobbyLoadBench.Options options = new LobbyLoadBench.Options(sessions, roomSize, rate, durationSeconds, payloadChars,
                connectConcurrency, s);
        LobbyLoadBench.Result result = LobbyLoadBench.run(options, line -> System.err.println("bench lobby: " + line));
        System.out.println(result.json());
        return result.sessionsHeld() >= 2 ? 0 : 1;
    }
}
