package dev.netcode.sample.client;

import com.badlogic.gdx.backends.lwjgl3.Lwjgl3Application;
import com.badlogic.gdx.backends.lwjgl3.Lwjgl3ApplicationConfiguration;
import dev.netcode.core.conditioner.LinkPreset;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Starts the desktop client (LWJGL3, 1280x720, vsync). By default it runs the offline demo (the
 * local player against bots in a local world, no network); with {@code --local-host} it plays a
 * networked match: a dedicated host and the bots run inside this process over the in-memory
 * transport and the player joins as a networked client (prediction, snapshots, interpolation,
 * lag-compensated hits), optionally behind a link-conditioner preset. With {@code --lobby URL} it
 * joins a dedicated host through the lobby's matchmaking over WebRTC ({@link LobbySession}).
 *
 * <pre>
 * options: --bots N          bots besides you (default 3)
 *          --seed S          world and bot seed (default 1)
 *          --name NAME       your display name (default "you")
 *          --autopilot       a bot plays your player
 *          --overlay         start with the F3 network overlay shown
 *          --fixed-step      one tick per frame (reproducible demo)
 *          --screenshot FILE write a PNG after --frames N frames (default 90) since joining and exit
 *          --local-host      networked match against bots hosted in this process
 *          --lobby URL       join a dedicated host through this lobby (ws://host:7350)
 *          --region R        matchmaking region with --lobby (default "local")
 *          --preset NAME     link-conditioner preset for the player's connection (--local-host, --lobby)
 * </pre>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>LWJGL3 must own the process's main thread (on macOS also start the JVM with
 *       {@code -XstartOnFirstThread}); run it as its own process, not inside a test JVM.</li>
 *   <li>Audio is disabled: the game has no sounds and OpenAL would need a sound device.</li>
 * </ul>
 */
public final class DesktopLauncher {
    private DesktopLauncher() {}

    public static void main(String[] args) {
        int bots = 3;
        long seed = 1;
        String name = "you";
        boolean autopilot = false;
        boolean overlay = false;
        boolean fixedStep = false;
        Path screenshot = null;
        int frames = 90;
        boolean localHost = false;
        LinkPreset preset = null;
        String lobby = null;
        String region = dev.netcode.sample.lobby.ArenaLobby.DEFAULT_REGION;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--bots" -> bots = Integer.parseInt(value(args, ++i));
                case "--seed" -> seed = Long.parseLong(value(args, ++i));
                case "--name" -> name = value(args, ++i);
                case "--autopilot" -> autopilot = true;
                case "--overlay" -> overlay = true;
                case "--fixed-step" -> fixedStep = true;
                case "--screenshot" -> screenshot = Path.of(value(args, ++i));
                case "--frames" -> frames = Integer.parseInt(value(args, ++i));
                case "--local-host" -> localHost = true;
                case "--preset" -> preset = LinkPreset.fromName(value(args, ++i));
                case "--lobby" -> lobby = value(args, ++i);
                case "--region" -> region = value(args, ++i);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (options: --bots N --seed S --name NAME --autopilot --overlay --fixed-step"
                        + " --screenshot FILE --frames N --local-host --lobby URL --region R --preset NAME)");
            }
        }
        int botCount = bots;
        long worldSeed = seed;
        String playerName = name;
        boolean auto = autopilot;
        boolean networked = localHost;
        LinkPreset linkPreset = preset;
        Lwjgl3ApplicationConfiguration config = new Lwjgl3ApplicationConfiguration();
        java.net.URI lobbyUri = lobby == null ? null : dev.netcode.sample.lobby.ArenaLobby.baseUri(lobby);
        String matchRegion = region;
        config.setTitle(lobbyUri != null ? "Netcode arena (" + lobbyUri.getHost() + ")"
                : networked ? "Netcode arena (local networked match)" : "Netcode arena (offline demo)");
        config.setWindowedMode(1280, 720);
        config.useVsync(true);
        config.setForegroundFPS(60);
        config.disableAudio(true);
        Supplier<GameSession> sessions = lobbyUri != null
                ? () -> new LobbySession(lobbyUri, playerName, matchRegion, linkPreset, auto ? worldSeed + 2000 : -1)
                : networked
                ? () -> new LocalMatchSession(botCount, worldSeed, playerName, linkPreset, auto ? worldSeed + 2000 : -1)
                : () -> new OfflineSession(worldSeed, botCount, playerName, auto);
        new Lwjgl3Application(new ArenaClientApp(sessions, fixedStep, overlay, screenshot, frames), config);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException("missing value after " + args[i - 1]);
        }
        return args[i];
    }
}
