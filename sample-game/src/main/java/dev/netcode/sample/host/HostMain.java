package dev.netcode.sample.host;

import com.badlogic.gdx.backends.headless.HeadlessApplication;
import com.badlogic.gdx.backends.headless.HeadlessApplicationConfiguration;
import dev.netcode.sample.sim.ArenaRules;
import java.util.concurrent.TimeUnit;

/**
 * Runs the dedicated host on libGDX's headless backend until SIGTERM/SIGINT (or {@code --seconds}).
 * No networking yet: the arena runs with in-process bots.
 *
 * <pre>
 * options: --bots N      in-process bots (default 0)
 *          --seed S      world seed (default 1)
 *          --seconds N   stop after N seconds (default: run until terminated)
 * </pre>
 *
 * <p>Prints one line when running ({@code host running ...}), a status line every 5 seconds and
 * {@code host stopped after N ticks} from the shutdown hook, which stops the loop and waits (up
 * to 5 s) for the host to dispose before the JVM exits.
 */
public final class HostMain {
    private HostMain() {}

    public static void main(String[] args) throws InterruptedException {
        int bots = 0;
        long seed = 1;
        long seconds = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--bots" -> bots = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--seconds" -> seconds = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (options: --bots N --seed S --seconds N)");
            }
        }
        DedicatedHost host = new DedicatedHost(seed, bots);
        Thread hook = new Thread(() -> stop(host), "host-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        HeadlessApplicationConfiguration config = new HeadlessApplicationConfiguration();
        // Twice the tick rate: the loop wakes often enough that ticks keep to the wall clock.
        config.updatesPerSecond = 2 * ArenaRules.TICK_RATE_HZ;
        new HeadlessApplication(host, config);
        if (!host.awaitStarted(30, TimeUnit.SECONDS)) {
            System.err.println("host did not start within 30 s");
            System.exit(1);
        }
        System.out.println("host running: " + ArenaRules.TICK_RATE_HZ + " Hz, " + bots + " bots, seed " + seed);
        System.out.flush();
        boolean hasDeadline = seconds > 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(seconds, 0));
        long nextStatus = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!host.isStopped()) {
            long now = System.nanoTime();
            long waitNanos = hasDeadline ? Math.min(nextStatus - now, deadline - now) : nextStatus - now;
            if (waitNanos > 0 && host.awaitStopped(waitNanos, TimeUnit.NANOSECONDS)) {
                break;
            }
            now = System.nanoTime();
            if (hasDeadline && now - deadline >= 0) {
                host.requestStop();
                hasDeadline = false;
            }
            if (now - nextStatus >= 0) {
                System.out.println("tick " + host.ticks() + ", kills " + host.totalKills());
                System.out.flush();
                nextStatus = now + TimeUnit.SECONDS.toNanos(5);
            }
        }
        if (seconds > 0) {
            // Normal end: run the stop path now rather than relying on the hook.
            Runtime.getRuntime().removeShutdownHook(hook);
            stop(host);
        }
    }

    private static void stop(DedicatedHost host) {
        host.requestStop();
        try {
            if (!host.awaitStopped(5, TimeUnit.SECONDS)) {
                System.err.println("host did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.out.println("host stopped after " + host.ticks() + " ticks");
        System.out.flush();
    }
}
