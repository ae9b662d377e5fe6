package dev.netcode.launcher;

import dev.netcode.core.conditioner.LinkPreset;
import dev.netcode.sample.client.DesktopLauncher;
import dev.netcode.sample.client.LobbyBots;
import dev.netcode.sample.lobby.ArenaLobby;
import dev.netcode.sample.net.ArenaClient;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./netcode client}: the sample arena's desktop client (LWJGL3). F3 shows the network
 * overlay.
 *
 * <p>With {@code --lobby URL} it joins a dedicated host through the lobby's matchmaking: guest
 * login, the arena queue in {@code --region}, a join token, WebRTC to the host signaled through the
 * lobby (TURN relays from the lobby when it has them). Add {@code --headless} to run
 * {@code --bots N} headless bots that join the same way instead of a window (until Ctrl-C or
 * {@code --seconds}; exit code 0 if every bot is still connected at the end).
 *
 * <p>Without {@code --lobby} the client plays a networked match against bots hosted in its own
 * process (a dedicated host and bots over the in-memory transport; the player is a networked
 * client like any other), or with {@code --offline} the offline demo. {@code --preset} puts the
 * player's connection behind the link conditioner.
 */
@Command(name = "client", mixinStandardHelpOptions = true,
        description = "Runs the sample arena's desktop client (F3: network overlay), or headless bots with --headless.")
final class ClientCommand implements Callable<Integer> {
    @Option(names = "--lobby", description = "Lobby to join through, e.g. ws://lobby.example:7350.")
    String lobby;

    @Option(names = "--region", defaultValue = ArenaLobby.DEFAULT_REGION,
            description = "Matchmaking region with --lobby (default ${DEFAULT-VALUE}); the host's region.")
    String region;

    @Option(names = "--name", defaultValue = "you", description = "Display name (default ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--preset", description = "Link conditioner preset for your connection: lan, broadband-p50, "
            + "broadband-p95, 4g-p95, unplayable (default: none).")
    String preset;

    @Option(names = "--bots", defaultValue = "3", description = "Without --lobby: bots to play against; with --lobby"
            + " --headless: headless bots to run (default ${DEFAULT-VALUE}).")
    int bots;

    @Option(names = "--headless", description = "With --lobby: no window; run --bots headless bots that join through the lobby.")
    boolean headless;

    @Option(names = "--seconds", defaultValue = "0", description = "With --headless: stop after N seconds (default: until terminated).")
    int seconds;

    @Option(names = "--seed", defaultValue = "1", description = "Bot seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--offline", description = "The offline demo (no networking at all).")
    boolean offline;

    @Option(names = "--autopilot", description = "A bot plays your player.")
    boolean autopilot;

    @Override
    public Integer call() throws InterruptedException {
        LinkPreset linkPreset = null;
        if (preset != null) {
            try {
                linkPreset = LinkPreset.fromName(preset);
            } catch (IllegalArgumentException e) {
                System.err.println("netcode client: " + e.getMessage());
                return 2;
            }
        }
        URI lobbyUri = null;
        if (lobby != null) {
            try {
                lobbyUri = ArenaLobby.baseUri(lobby);
            } catch (IllegalArgumentException e) {
                System.err.println("netcode client: " + e.getMessage());
                return 2;
            }
        } else if (headless) {
            System.err.println("netcode client: --headless needs --lobby URL");
            return 2;
        }
        if (headless) {
            if (bots < 1 || bots > 16) {
                System.err.println("netcode client: --bots must be 1..16");
                return 2;
            }
            return headlessBots(lobbyUri, linkPreset);
        }
        List<String> args = new ArrayList<>(List.of("--bots", Integer.toString(bots), "--name", name,
                "--seed", Long.toString(seed)));
        if (lobbyUri != null) {
            args.addAll(List.of("--lobby", lobbyUri.toString(), "--region", region));
        } else if (!offline) {
            args.add("--local-host");
        }
        if (linkPreset != null) {
            args.add("--preset");
            args.add(linkPreset.cliName());
        }
        if (autopilot) {
            args.add("--autopilot");
        }
        // LWJGL3 takes over this (main) thread until the window closes.
        DesktopLauncher.main(args.toArray(String[]::new));
        return 0;
    }

    private int headlessBots(URI lobbyUri, LinkPreset linkPreset) throws InterruptedException {
        System.out.println("matchmaking " + bots + " headless bots through " + lobbyUri + " (mode " + ArenaLobby.MODE
                + ", region " + region + ") ...");
        LobbyBots running;
        try {
            running = LobbyBots.start(lobbyUri, bots, name.equals("you") ? "bot-" : name + "-", region, linkPreset, seed, 60);
        } catch (Exception e) {
            System.err.println("netcode client: the bots got no seat within 60 s (is a host registered in region '"
                    + region + "'?): " + e);
            return 1;
        }
        CountDownLatch stop = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            running.close();
            System.out.println("bots stopped");
            System.out.flush();
        }, "bots-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        long deadline = seconds > 0 ? System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds) : Long.MAX_VALUE;
        while (!stop.await(Math.min(5, Math.max(1, seconds)), TimeUnit.SECONDS)) {
            StringBuilder line = new StringBuilder();
            for (ArenaClient.Report r : running.reports()) {
                line.append(String.format("%s: %s, RTT %.0f ms, snapshots %d, inputs %d; ", r.name(),
                        r.connected() ? "playing as " + r.playerId() : r.wasConnected() ? "disconnected" : "connecting",
                        r.rttMs(), r.snapshotsReceived(), r.inputTicks()));
            }
            System.out.println(line);
            System.out.flush();
            if (System.nanoTime() - deadline >= 0) {
                break;
            }
        }
        boolean allConnected = running.reports().stream().allMatch(r -> r.connected() && r.snapshotsReceived() > 0);
        boolean hookPending;
        try {
            hookPending = Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            hookPending = false;
        }
        if (hookPending) {
            hook.run();
        }
        return allConnected ? 0 : 1;
    }
}
