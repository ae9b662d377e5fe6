package dev.netcode.sample.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import static org.awaitility.Awaitility.await;

import dev.netcode.lobby.GuestAuthenticator;
import dev.netcode.lobby.LobbyConfig;
import dev.netcode.lobby.LobbyServer;
import dev.netcode.sample.JavaProcess;
import dev.netcode.sample.host.HostMain;
import dev.netcode.sample.lobby.ArenaLobby;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real LWJGL3 desktop client under Xvfb with Mesa software rendering (offline demo: the
 * local player and two bots, one tick per frame so the picture is reproducible), lets it write a
 * screenshot from its own back buffer, and checks that the local player and a remote player are
 * drawn in their colours. The PNGs are kept in {@code target/screenshots/}. A second test does the
 * same for a networked match (host and two bots over the in-memory transport).
 *
 * <p>Needs {@code xvfb-run}, {@code Xvfb} and {@code xauth}: missing, the test fails when
 * {@code CI=true} and is skipped otherwise.
 */
@Tag("slow")
class ClientScreenshotTest {
    private static final long SEED = 1;
    private static final int FRAMES = 90;

    @Test
    @Timeout(150)
    void desktopClientDrawsLocalAndRemotePlayers(@TempDir Path dir) throws Exception {
        requireTools("xvfb-run", "Xvfb", "xauth");
        System.out.println("seed " + SEED + ", frames " + FRAMES);
        BufferedImage image = runClient(dir, "offline-demo.png",
                "--bots", "2", "--seed", Long.toString(SEED), "--fixed-step", "--overlay",
                "--frames", Integer.toString(FRAMES));
        assertPlayersDrawn(image);
    }

    /**
     * The networked case: a dedicated host and two bot clients run in the client's process over the
     * in-memory transport ({@code --local-host}), the desktop client joins as a networked player, and
     * the screenshot is taken 60 frames after it has joined (its predicted player and an
     * interpolated remote player are in the view).
     */
    @Test
    @Timeout(150)
    void networkedDesktopClientDrawsItselfAndInterpolatedBots(@TempDir Path dir) throws Exception {
        requireTools("xvfb-run", "Xvfb", "xauth");
        System.out.println("seed " + SEED + ", frames after join 60");
        BufferedImage image = runClient(dir, "networked.png",
                "--local-host", "--bots", "2", "--seed", Long.toString(SEED), "--overlay", "--frames", "60");
        assertPlayersDrawn(image);
    }

    /**
     * The deployment shape on one machine: an embedded lobby, the dedicated host as its own process
     * registered with it ({@code HostMain --lobby}, no {@code --advertise}: it offers every interface,
     * loopback included), two headless bots matched through the lobby (two, so that one slow DTLS
     * handshake on a loaded machine still leaves a remote player in the view), and the desktop client matched
     * through the lobby ({@code --lobby}) over WebRTC; the screenshot is taken 30 frames after it has
     * joined. No network overlay: a player spawned under its panel would not show in its colour.
     */
    @Test
    @Timeout(150)
    void lobbyDesktopClientDrawsItselfAndABotOnARegisteredHost(@TempDir Path dir) throws Exception {
        requireTools("xvfb-run", "Xvfb", "xauth");
        long seed = 61;
        System.out.println("seed " + seed + ", frames after join 30");
        long started = System.nanoTime();
        String secret = "lobby-screenshot-test-secret";
        LobbyServer lobby = LobbyServer.start(LobbyConfig.builder().bindAddress("127.0.0.1").port(0)
                .matchmakingIntervalMs(50).queue(ArenaLobby.queue(4)).authenticator(new GuestAuthenticator(secret)).build());
        String wsUrl = lobby.httpUri().toString().replaceFirst("^http", "ws");
        Path hostLog = dir.resolve("host.log");
        ProcessBuilder pb = new ProcessBuilder(JavaProcess.command(HostMain.class,
                List.of("-Xmx256m", "-Djava.awt.headless=true"), "--lobby", wsUrl, "--region", "test",
                "--capacity", "4", "--name", "test-host", "--host-secret", secret, "--port", "0",
                "--seed", Long.toString(seed)));
        pb.redirectErrorStream(true);
        pb.redirectOutput(hostLog.toFile());
        Process host = pb.start();
        LobbyBots bots = null;
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(hostLog).contains("host running")
                    || !host.isAlive());
            assertThat(host.isAlive()).as(Files.readString(hostLog)).isTrue();
            bots = LobbyBots.start(ArenaLobby.baseUri(wsUrl), 2, "bot-", "test", null, seed, 60);
            System.out.printf("lobby, host and bots up after %d ms%n", (System.nanoTime() - started) / 1_000_000);
            BufferedImage image = runClient(dir, "lobby.png", "--lobby", wsUrl, "--region", "test",
                    "--name", "desk", "--seed", Long.toString(seed), "--frames", "30");
            System.out.printf("client joined and drew after %d ms%n", (System.nanoTime() - started) / 1_000_000);
            assertPlayersDrawn(image);
        } finally {
            if (bots != null) {
                bots.close();
            }
            host.destroy();
            if (!host.waitFor(10, TimeUnit.SECONDS)) {
                host.destroyForcibly();
            }
            System.out.println(Files.readString(hostLog));
            lobby.close();
        }
    }

    private static BufferedImage runClient(Path dir, String keptName, String... args) throws Exception {
        Path png = dir.resolve("shot.png");
        Path log = dir.resolve("client.log");
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--screenshot");
        all.add(png.toString());
        List<String> cmd = new ArrayList<>(List.of("xvfb-run", "-a", "-s", "-screen 0 1280x720x24"));
        cmd.addAll(JavaProcess.command(DesktopLauncher.class, List.of("-Xmx512m", "-Djava.awt.headless=true"),
                all.toArray(String[]::new)));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("LIBGL_ALWAYS_SOFTWARE", "1");
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        Process process = pb.start();
        try {
            boolean exited = process.waitFor(120, TimeUnit.SECONDS);
            if (!exited) {
                printThreadDumps(process); // why it hangs (render thread, WebRTC handshake) is in the report then
            }
            String output = Files.readString(log);
            System.out.println(output);
            assertThat(exited).as("client exited; output:%n%s", output).isTrue();
            assertThat(process.exitValue()).as("exit code; output:%n%s", output).isZero();
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        assertThat(png).exists();
        Path kept = Path.of("target", "screenshots", keptName);
        Files.createDirectories(kept.getParent());
        Files.copy(png, kept, StandardCopyOption.REPLACE_EXISTING);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1280);
        assertThat(image.getHeight()).isEqualTo(720);
        return image;
    }

    /** {@code jcmd <pid> Thread.print} for every JVM under the xvfb-run process, into the test output. */
    private static void printThreadDumps(Process process) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        process.descendants().filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false)).forEach(p -> {
            try {
                Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(p.pid()), "Thread.print")
                        .redirectErrorStream(true).start();
                String text = new String(dump.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                dump.waitFor(20, TimeUnit.SECONDS);
                System.out.println("thread dump of client JVM " + p.pid() + ":\n" + text);
            } catch (Exception e) {
                System.out.println("no thread dump of " + p.pid() + ": " + e);
            }
        });
    }

    private static void assertPlayersDrawn(BufferedImage image) {
        int local = countColour(image, Palette.LOCAL_PLAYER_RGBA >>> 8);
        int remote = countColour(image, Palette.REMOTE_PLAYER_RGBA >>> 8);
        System.out.println("local-player pixels " + local + ", remote-player pixels " + remote);
        // A player is a disc of radius 10 px at 1280x720 (about 314 px); allow for overlap with aim lines.
        assertThat(local).as("local player drawn").isGreaterThan(150);
        assertThat(remote).as("at least one remote player drawn").isGreaterThan(150);
    }

    private static int countColour(BufferedImage image, int rgb) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (close(image.getRGB(x, y) & 0xFFFFFF, rgb)) {
                    count++;
                }
            }
        }
        return count;
    }

    private static boolean close(int a, int b) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs(((a >> shift) & 0xFF) - ((b >> shift) & 0xFF)) > 2) {
                return false;
            }
        }
        return true;
    }

    private static void requireTools(String... tools) {
        for (String tool : tools) {
            if (!JavaProcess.onPath(tool)) {
                String message = tool + " not found on PATH (Debian packages: xvfb xauth)";
                if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                    fail(message);
                }
                Assumptions.abort(message);
            }
        }
    }
}
