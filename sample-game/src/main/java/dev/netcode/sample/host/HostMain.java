package dev.netcode.sample.host;

import com.badlogic.gdx.backends.headless.HeadlessApplication;
import com.badlogic.gdx.backends.headless.HeadlessApplicationConfiguration;
import dev.netcode.sample.sim.ArenaRules;
import java.util.concurrent.TimeUnit;

/**
 * Runs the dedicated host on libGDX's headless backend until SIGTERM/SIGINT (or {@code --seconds}).
 * With {@code --lobby} it is the real thing ({@link LobbyHost}): registered with the lobby, serving
 * every matched player over WebRTC on one UDP port, checking join tokens. Without it, the arena
 * runs offline with in-process bots (no networking).
 *
 * <pre>
 * options: --lobby URL        lobby to register with (ws://host:7350); without it: offline arena
 *          --region R         region players queue in (default "local")
 *          --capacity N       players accepted, 1..16 (default 16)
 *          --name NAME        host name shown to players (default "arena-host")
 *          --host-secret S    the lobby's host secret (default: env NETCODE_LOBBY_HOST_SECRET)
 *          --port P           UDP port for every player (default 7000; 0 = any free port)
 *          --bind IP          address the UDP port is bound to (default 0.0.0.0)
 *          --advertise IP     address players reach the port at (repeatable; default: every interface)
 *          --bots N           offline only: in-process bots (default 0)
 *          --seed S           world seed (default 1)
 *          --seconds N        stop after N seconds (default: run until terminated)
 * </pre>
 *
 * <p>Prints one line when running ({@code host running ...}), a status line every 5 seconds and
 * {@code host stopped after N ticks} from the shutdown hook, which stops the loop, waits (up to
 * 5 s) for the host to dispose and, with a lobby, unregisters from it before the JVM exits.
 */
public final class HostMain {
    private HostMain() {}

    public static void main(String[] args) throws Exception {
        int bots = 0;
        long seed = 1;
        long seconds = 0;
        String lobby = null;
        String region = dev.netcode.sample.lobby.ArenaLobby.DEFAULT_REGION;
        int capacity = ArenaRules.MAX_PLAYERS;
        String name = "arena-host";
        String secret = System.getenv("NETCODE_LOBBY_HOST_SECRET");
        int port = 7000;
        String bind = "0.0.0.0";
        java.util.List<java.net.InetAddress> advertise = new java.util.ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--bots" -> bots = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--seconds" -> seconds = Long.parseLong(args[++i]);
                case "--lobby" -> lobby = args[++i];
                case "--region" -> region = args[++i];
                case "--capacity" -> capacity = Integer.parseInt(args[++i]);
                case "--name" -> name = args[++i];
                case "--host-secret" -> secret = args[++i];
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--bind" -> bind = args[++i];
                case "--advertise" -> advertise.add(java.net.InetAddress.getByName(args[++i]));
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (options: --lobby URL --region R --capacity N --name NAME --host-secret S --port P"
                        + " --bind IP --advertise IP --bots N --seed S --seconds N)");
            }
        }
        if (lobby != null) {
            if (secret == null || secret.isEmpty()) {
                System.err.println("host: the lobby's host secret is needed (--host-secret, or env NETCODE_LOBBY_HOST_SECRET;"
                        + " ./netcode lobby prints it at start)");
                System.exit(2);
            }
            dev.netcode.webrtc.PeerConnectionConfig.Builder pc = dev.netcode.webrtc.PeerConnectionConfig.builder();
            if (advertise.isEmpty()) {
                pc.includeLoopback(true); // a lobby and players on this same machine work too
            } else {
                pc.hostAddresses(advertise);
            }
            int exit = runWithLobby(new LobbyHost.Settings(dev.netcode.sample.lobby.ArenaLobby.baseUri(lobby), secret, name,
                    region, capacity, new java.net.InetSocketAddress(bind, port), pc.build(), seed), seconds);
            if (exit != 0) {
                System.exit(exit);
            }
            return;
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

    /**
     * Starts a {@link LobbyHost}, drives it from a libGDX headless application until SIGTERM (or
     * {@code seconds > 0}), then unregisters and closes it.
     *
     * @return 0 after a clean stop, 1 when the host could not log in, bind or register
     */
    public static int runWithLobby(LobbyHost.Settings settings, long seconds) throws InterruptedException {
        LobbyHost host;
        try {
            host = LobbyHost.start(settings);
        } catch (Exception e) {
            System.err.println("host: could not start with the lobby at " + settings.lobby() + ": " + e);
            return 1;
        }
        LobbyHostApp app = new LobbyHostApp(host);
        Thread hook = new Thread(() -> stopLobbyHost(app, host), "host-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        HeadlessApplicationConfiguration config = new HeadlessApplicationConfiguration();
        // Four frames per tick: callbacks and snapshots go out close to when they are due.
        config.updatesPerSecond = 4 * ArenaRules.TICK_RATE_HZ;
        new HeadlessApplication(app, config);
        System.out.println("host running: " + settings.name() + " registered with " + settings.lobby() + " as "
                + host.registration().hostId() + " (region " + settings.region() + ", capacity " + settings.capacity()
                + "), players connect over WebRTC to UDP " + host.advertisedAddress()
                + " (bound " + host.udpAddress() + ")");
        System.out.flush();
        long deadline = seconds > 0 ? System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds) : Long.MAX_VALUE;
        while (!app.stopped.await(5, TimeUnit.SECONDS)) {
            System.out.println("tick " + host.arena().ticks() + ", players " + host.arena().playerCount()
                    + ", inputs applied " + host.inputsApplied() + ", hits " + host.arena().totalHits()
                    + ", refused joins " + host.arena().refusedJoins());
            System.out.flush();
            if (System.nanoTime() - deadline >= 0) {
                break;
            }
        }
        boolean hookPending;
        try {
            hookPending = Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            hookPending = false; // SIGTERM: the hook is stopping the host right now
        }
        if (hookPending) {
            stopLobbyHost(app, host);
        }
        return 0;
    }

    private static void stopLobbyHost(LobbyHostApp app, LobbyHost host) {
        app.stopRequested = true;
        try {
            if (!app.stopped.await(5, TimeUnit.SECONDS)) {
                System.err.println("host did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int ticks = host.arena().ticks();
        host.close();
        System.out.println("host stopped after " + ticks + " ticks; unregistered " + host.registration().hostId()
                + " from the lobby");
        System.out.flush();
    }

    /** The host thread: libGDX's headless loop calls {@link LobbyHost#update} every frame. */
    private static final class LobbyHostApp extends com.badlogic.gdx.ApplicationAdapter {
        private final LobbyHost host;
        private final java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
        private volatile boolean stopRequested;

        LobbyHostApp(LobbyHost host) {
            this.host = host;
        }

        @Override
        public void render() {
            if (stopRequested) {
                com.badlogic.gdx.Gdx.app.exit();
                return;
            }
            try {
                host.update(System.nanoTime());
            } catch (RuntimeException e) {
                // One bad frame must not end the host for every player.
                org.slf4j.LoggerFactory.getLogger(HostMain.class).warn("host frame failed", e);
            }
        }

        @Override
        public void dispose() {
            stopped.countDown();
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
