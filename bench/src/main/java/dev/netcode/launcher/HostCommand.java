package dev.netcode.launcher;

import dev.netcode.sample.net.LocalMatch;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./netcode host}: the sample arena's dedicated host, headless, until Ctrl-C/SIGTERM (or
 * {@code --seconds}).
 *
 * <p>Serving remote clients needs the WebRTC transport, which is not in the launcher yet; so today
 * the host serves the in-process networked bots of {@code --bots} (every bot a full networked
 * client over the in-memory transport) and prints a status line every 5 s. {@code --lobby},
 * {@code --region} and {@code --capacity} are accepted and refused with that explanation, so that
 * scripts written for the final command fail loudly instead of silently running something else.
 */
@Command(name = "host", mixinStandardHelpOptions = true,
        description = "Runs the sample arena's headless dedicated host (today: with in-process networked bots).")
final class HostCommand implements Callable<Integer> {
    @Option(names = "--lobby", description = "Lobby URL to register with (needs the WebRTC transport: not available yet).")
    String lobby;

    @Option(names = "--region", defaultValue = "local", description = "Region announced to the lobby (default ${DEFAULT-VALUE}).")
    String region;

    @Option(names = "--capacity", defaultValue = "16", description = "Players this host accepts (default ${DEFAULT-VALUE}).")
    int capacity;

    @Option(names = "--bots", defaultValue = "4", description = "In-process networked bots (default ${DEFAULT-VALUE}).")
    int bots;

    @Option(names = "--seconds", defaultValue = "0", description = "Stop after N seconds (default: until terminated).")
    int seconds;

    @Option(names = "--seed", defaultValue = "1", description = "World seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws InterruptedException {
        if (lobby != null) {
            System.err.println("netcode host: --lobby needs the WebRTC transport, which is not built into the launcher"
                    + " yet; run without --lobby for a host with in-process networked bots.");
            return 2;
        }
        if (bots < 0 || bots > 16 || capacity < 1 || capacity > 16) {
            System.err.println("netcode host: --bots must be 0..16 and --capacity 1..16");
            return 2;
        }
        CountDownLatch stop = new CountDownLatch(1);
        LocalMatch match = new LocalMatch(bots, seed);
        Thread hook = new Thread(() -> {
            stop.countDown();
            match.close();
            System.out.println("host stopped");
            System.out.flush();
        }, "host-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        System.out.println("host running: 60 Hz, " + bots + " in-process networked bots (in-memory transport), seed "
                + seed + ". Ctrl-C stops it.");
        long deadline = seconds > 0 ? System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds) : Long.MAX_VALUE;
        while (!stop.await(5, TimeUnit.SECONDS)) {
            System.out.println("players " + match.playerCount());
            if (System.nanoTime() - deadline >= 0) {
                break;
            }
        }
        if (seconds > 0 && Runtime.getRuntime().removeShutdownHook(hook)) {
            hook.run();
        }
        return 0;
    }
}
