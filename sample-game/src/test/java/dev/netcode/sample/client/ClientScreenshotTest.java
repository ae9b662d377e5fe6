package dev.netcode.sample.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.netcode.sample.JavaProcess;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
