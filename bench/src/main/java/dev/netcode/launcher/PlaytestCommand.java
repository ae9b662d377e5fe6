package dev.netcode.launcher;

import dev.netcode.sample.sim.PlayerMotion;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./netcode playtest}: the README's main job.
 *
 * <p>Until the sample game and the network stack exist it runs the most end-to-end thing that
 * does, and says so plainly.
 */
@Command(name = "playtest", mixinStandardHelpOptions = true,
        description = "Runs the sample game's playtest and prints a network report.")
final class PlaytestCommand implements Callable<Integer> {
    @Option(names = "--bots", defaultValue = "8", description = "Number of bots (default ${DEFAULT-VALUE}).")
    int bots;

    @Option(names = "--seconds", defaultValue = "60", description = "Simulated seconds (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--seed", description = "Random seed (default: time based, printed).")
    Long seed;

    @Override
    public Integer call() {
        long s = seed != null ? seed : System.nanoTime();
        System.out.println("netcode playtest: the networked sample game does not exist yet (issue #9).");
        System.out.println("What ran instead: the shared arena movement rule, " + bots + " bots, "
                + seconds + " simulated seconds at 60 Hz, offline (no network), seed " + s + ".");
        SplittableRandom random = new SplittableRandom(s);
        float[][] positions = new float[bots][2];
        float[][] inputs = new float[bots][2];
        double[] travelled = new double[bots];
        for (float[] p : positions) {
            p[0] = PlayerMotion.ARENA_WIDTH / 2;
            p[1] = PlayerMotion.ARENA_HEIGHT / 2;
        }
        int ticks = seconds * 60;
        for (int tick = 0; tick < ticks; tick++) {
            for (int b = 0; b < bots; b++) {
                if (tick % 30 == 0) {
                    inputs[b][0] = (float) (random.nextDouble() * 2 - 1);
                    inputs[b][1] = (float) (random.nextDouble() * 2 - 1);
                }
                float x = positions[b][0];
                float y = positions[b][1];
                PlayerMotion.step(positions[b], inputs[b][0], inputs[b][1], 1f / 60f);
                travelled[b] += Math.hypot(positions[b][0] - x, positions[b][1] - y);
            }
        }
        System.out.printf("%-6s %10s %10s %12s%n", "bot", "x", "y", "travelled");
        for (int b = 0; b < bots; b++) {
            System.out.printf("%-6s %10.2f %10.2f %12.1f%n", "bot" + b, positions[b][0], positions[b][1], travelled[b]);
        }
        return 0;
    }
}
