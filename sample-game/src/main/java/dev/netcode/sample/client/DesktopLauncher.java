package dev.netcode.sample.client;

import com.badlogic.gdx.backends.lwjgl3.Lwjgl3Application;
import com.badlogic.gdx.backends.lwjgl3.Lwjgl3ApplicationConfiguration;
import java.nio.file.Path;

/**
 * Starts the desktop client (LWJGL3, 1280x720, vsync). Networking is not wired in yet, so it runs
 * the offline demo: the local player against bots in a local world.
 *
 * <pre>
 * options: --bots N          bots besides you (default 3)
 *          --seed S          world and bot seed (default 1)
 *          --name NAME       your display name (default "you")
 *          --autopilot       a bot plays your player
 *          --overlay         start with the F3 network overlay shown
 *          --fixed-step      one tick per frame (reproducible demo)
 *          --screenshot FILE write a PNG after --frames N frames (default 90) and exit
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
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (options: --bots N --seed S --name NAME --autopilot --overlay --fixed-step"
                        + " --screenshot FILE --frames N)");
            }
        }
        int botCount = bots;
        long worldSeed = seed;
        String playerName = name;
        boolean auto = autopilot;
        Lwjgl3ApplicationConfiguration config = new Lwjgl3ApplicationConfiguration();
        config.setTitle("Netcode arena (offline demo)");
        config.setWindowedMode(1280, 720);
        config.useVsync(true);
        config.setForegroundFPS(60);
        config.disableAudio(true);
        new Lwjgl3Application(new ArenaClientApp(
                () -> new OfflineSession(worldSeed, botCount, playerName, auto),
                fixedStep, overlay, screenshot, frames), config);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException("missing value after " + args[i - 1]);
        }
        return args[i];
    }
}
