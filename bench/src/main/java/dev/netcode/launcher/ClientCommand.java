package dev.netcode.launcher;

import dev.netcode.core.conditioner.LinkPreset;
import dev.netcode.sample.client.DesktopLauncher;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./netcode client}: the sample arena's desktop client (LWJGL3). F3 shows the network
 * overlay.
 *
 * <p>Joining a remote host through a lobby needs the WebRTC transport, which is not in the launcher
 * yet, so {@code --lobby} is refused with that explanation. Without it the client plays a networked
 * match against bots hosted in its own process (a dedicated host and bots over the in-memory
 * transport; the player is a networked client like any other), with {@code --preset} putting the
 * player's connection behind the link conditioner, or with {@code --offline} the offline demo.
 */
@Command(name = "client", mixinStandardHelpOptions = true,
        description = "Runs the sample arena's desktop client (F3: network overlay).")
final class ClientCommand implements Callable<Integer> {
    @Option(names = "--lobby", description = "Lobby URL to join through (needs the WebRTC transport: not available yet).")
    String lobby;

    @Option(names = "--name", defaultValue = "you", description = "Display name (default ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--preset", description = "Link conditioner preset for your connection: lan, broadband-p50, "
            + "broadband-p95, 4g-p95, unplayable (default: none).")
    String preset;

    @Option(names = "--bots", defaultValue = "3", description = "Bots to play against (default ${DEFAULT-VALUE}).")
    int bots;

    @Option(names = "--offline", description = "The offline demo (no networking at all).")
    boolean offline;

    @Option(names = "--autopilot", description = "A bot plays your player.")
    boolean autopilot;

    @Override
    public Integer call() {
        if (lobby != null) {
            System.err.println("netcode client: --lobby needs the WebRTC transport, which is not built into the launcher"
                    + " yet; run without --lobby to play a networked match against in-process bots.");
            return 2;
        }
        List<String> args = new ArrayList<>(List.of("--bots", Integer.toString(bots), "--name", name));
        if (!offline) {
            args.add("--local-host");
        }
        if (preset != null) {
            try {
                args.add("--preset");
                args.add(LinkPreset.fromName(preset).cliName());
            } catch (IllegalArgumentException e) {
                System.err.println("netcode client: " + e.getMessage());
                return 2;
            }
        }
        if (autopilot) {
            args.add("--autopilot");
        }
        // LWJGL3 takes over this (main) thread until the window closes.
        DesktopLauncher.main(args.toArray(String[]::new));
        return 0;
    }
}
