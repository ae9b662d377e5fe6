package dev.netcode.launcher;

import dev.netcode.sample.host.HostMain;
import dev.netcode.sample.host.LobbyHost;
import dev.netcode.sample.lobby.ArenaLobby;
import dev.netcode.sample.net.LocalMatch;
import dev.netcode.webrtc.PeerConnectionConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./netcode host}: the sample arena's dedicated host, headless (libGDX headless backend),
 * until Ctrl-C/SIGTERM (or {@code --seconds}).
 *
 * <p>With {@code --lobby URL} it is the real dedicated host: it logs in to the lobby with the host
 * secret, serves every player over WebRTC on one UDP port ({@code --port}, default 7000), registers
 * with its region and capacity, admits players only with their lobby join token, and on SIGTERM
 * unregisters from the lobby and stops cleanly (shutdown hook). Without {@code --lobby} it runs an
 * arena with in-process networked bots ({@code --bots}, in-memory transport), printing a status
 * line every 5 s.
 *
 * <p>Exit codes: 0 after a clean stop, 1 when the lobby cannot be reached or refuses the host,
 * 2 for usage errors.
 */
@Command(name = "host", mixinStandardHelpOptions = true,
        description = "Runs the sample arena's headless dedicated host (registered with a lobby, or with in-process bots).")
final class HostCommand implements Callable<Integer> {
    @Option(names = "--lobby", description = "Lobby to register with, e.g. ws://lobby.example:7350.")
    String lobby;

    @Option(names = "--region", defaultValue = ArenaLobby.DEFAULT_REGION,
            description = "Region announced to the lobby (default ${DEFAULT-VALUE}); players queue in the same one.")
    String region;

    @Option(names = "--capacity", defaultValue = "16", description = "Players this host accepts, 1..16 (default ${DEFAULT-VALUE}).")
    int capacity;

    @Option(names = "--name", defaultValue = "arena-host", description = "Host name shown to players (default ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--host-secret", description = "The lobby's host secret (default: env NETCODE_LOBBY_HOST_SECRET;"
            + " ./netcode lobby prints it when it generates one).")
    String hostSecret;

    @Option(names = "--port", defaultValue = "7000", description = "UDP port every player connects to (default ${DEFAULT-VALUE}; 0 = any).")
    int port;

    @Option(names = "--bind", defaultValue = "0.0.0.0", description = "Address the UDP port is bound to (default ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--advertise", description = "Address players reach this host at (repeatable; default: every"
            + " interface). Give the public IP behind a 1:1 NAT.")
    List<String> advertise = new ArrayList<>();

    @Option(names = "--bots", defaultValue = "4", description = "Without --lobby: in-process networked bots (default ${DEFAULT-VALUE}).")
    int bots;

    @Option(names = "--seconds", defaultValue = "0", description = "Stop after N seconds (default: until terminated).")
    int seconds;

    @Option(names = "--seed", defaultValue = "1", description = "World seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws InterruptedException {
        if (bots < 0 || bots > 16 || capacity < 1 || capacity > 16 || port < 0 || port > 65535) {
            System.err.println("netcode host: --bots must be 0..16, --capacity 1..16 and --port 0..65535");
            return 2;
        }
        if (lobby != null) {
            return withLobby();
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
                + seed + ". Ctrl-C stops it. (With --lobby URL it serves remote players over WebRTC.)");
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

    private int withLobby() throws InterruptedException {
        String secret = hostSecret != null ? hostSecret : System.getenv("NETCODE_LOBBY_HOST_SECRET");
        if (secret == null || secret.isEmpty()) {
            System.err.println("netcode host: the lobby's host secret is needed: --host-secret S or env"
                    + " NETCODE_LOBBY_HOST_SECRET (./netcode lobby prints it at start, or set it with --host-secret there)");
            return 2;
        }
        PeerConnectionConfig.Builder pc = PeerConnectionConfig.builder();
        try {
            if (advertise.isEmpty()) {
                pc.includeLoopback(true); // players on this same machine work too
            } else {
                List<InetAddress> addresses = new ArrayList<>();
                for (String a : advertise) {
                    addresses.add(InetAddress.getByName(a));
                }
                pc.hostAddresses(addresses);
            }
            LobbyHost.Settings settings = new LobbyHost.Settings(ArenaLobby.baseUri(lobby), secret, name, region, capacity,
                    new InetSocketAddress(InetAddress.getByName(bind), port), pc.build(), seed);
            return HostMain.runWithLobby(settings, seconds);
        } catch (UnknownHostException | IllegalArgumentException e) {
            System.err.println("netcode host: " + e.getMessage());
            return 2;
        }
    }
}
