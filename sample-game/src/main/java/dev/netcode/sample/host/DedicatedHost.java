package dev.netcode.sample.host;

import com.badlogic.gdx.ApplicationListener;
import com.badlogic.gdx.Gdx;
import dev.netcode.sample.bot.LocalBots;
import dev.netcode.sample.sim.ArenaRules;
import dev.netcode.sample.sim.PlayerInput;
import dev.netcode.sample.sim.World;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dedicated host's game loop as a libGDX {@link ApplicationListener}, meant for the headless
 * backend ({@code HeadlessApplication}): it steps the authoritative {@link World} at the fixed
 * tick from the wall clock, with in-process bots if asked.
 *
 * <p>Networking plugs in through two hooks, both called on the host thread:
 * {@link InputSource} fills the inputs received from clients before each tick (the per-client
 * input buffer), and {@link TickListener} runs after each tick (send snapshots, record history for
 * lag compensation via {@link World#setHitTargetSource}).
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>{@link #requestStop()} may be called from any thread (a shutdown hook): it only sets a
 *       flag; the host thread exits the libGDX loop at its next frame and runs {@link #dispose()}.</li>
 *   <li>If the host falls more than {@link #MAX_CATCH_UP_TICKS} behind (a stalled machine), it
 *       drops the backlog instead of fast-forwarding the game.</li>
 *   <li>Run the headless app with {@code updatesPerSecond} at least the tick rate, or ticks lag.</li>
 * </ul>
 */
public final class DedicatedHost implements ApplicationListener {
    /** Fills the inputs for the coming tick: the networking's per-client input buffers. */
    @FunctionalInterface
    public interface InputSource {
        void collect(World world, int tick, PlayerInput[] inputsBySlot);
    }

    /** Runs after each tick on the host thread, e.g. to send snapshots. */
    @FunctionalInterface
    public interface TickListener {
        void afterTick(World world);
    }

    public static final int MAX_CATCH_UP_TICKS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(DedicatedHost.class);
    private static final long TICK_NANOS = 1_000_000_000L / ArenaRules.TICK_RATE_HZ;

    private final long seed;
    private final int botCount;
    private final List<InputSource> inputSources = new CopyOnWriteArrayList<>();
    private final List<TickListener> tickListeners = new CopyOnWriteArrayList<>();
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final PlayerInput[] inputs = new PlayerInput[ArenaRules.MAX_PLAYERS];
    private volatile boolean stopRequested;
    private volatile int ticks;
    private volatile long totalKills;
    private World world;
    private LocalBots bots;
    private long nextTickNanos;

    public DedicatedHost(long seed, int botCount) {
        if (botCount < 0 || botCount > ArenaRules.MAX_PLAYERS) {
            throw new IllegalArgumentException("bots must be in [0, " + ArenaRules.MAX_PLAYERS + "]: " + botCount);
        }
        this.seed = seed;
        this.botCount = botCount;
    }

    /** Adds an input source; may be called before or after start. */
    public void addInputSource(InputSource source) {
        inputSources.add(source);
    }

    public void addTickListener(TickListener listener) {
        tickListeners.add(listener);
    }

    @Override
    public void create() {
        world = new World(seed);
        bots = new LocalBots(world, botCount, seed);
        nextTickNanos = System.nanoTime() + TICK_NANOS;
        LOG.info("host started: {} Hz, {} bots, seed {}", ArenaRules.TICK_RATE_HZ, botCount, seed);
        started.countDown();
    }

    @Override
    public void render() {
        if (stopRequested) {
            Gdx.app.exit();
            return;
        }
        long now = System.nanoTime();
        if (now - nextTickNanos > MAX_CATCH_UP_TICKS * TICK_NANOS) {
            LOG.warn("host fell {} ms behind; dropping the backlog", (now - nextTickNanos) / 1_000_000);
            nextTickNanos = now;
        }
        while (now - nextTickNanos >= 0) {
            stepOnce();
            nextTickNanos += TICK_NANOS;
        }
    }

    private void stepOnce() {
        int tick = world.tick() + 1;
        java.util.Arrays.fill(inputs, null);
        bots.fillInputs(world, tick, inputs);
        for (InputSource source : inputSources) {
            source.collect(world, tick, inputs);
        }
        world.step(inputs);
        for (TickListener listener : tickListeners) {
            listener.afterTick(world);
        }
        long kills = 0;
        for (int i = 0; i < world.playerCount(); i++) {
            kills += world.player(i).kills();
        }
        totalKills = kills;
        ticks = world.tick();
    }

    /** Asks the loop to stop; safe from any thread, returns at once. */
    public void requestStop() {
        stopRequested = true;
    }

    public boolean awaitStarted(long timeout, TimeUnit unit) throws InterruptedException {
        return started.await(timeout, unit);
    }

    /** Waits until {@link #dispose()} ran. */
    public boolean awaitStopped(long timeout, TimeUnit unit) throws InterruptedException {
        return stopped.await(timeout, unit);
    }

    public boolean isStopped() {
        return stopped.getCount() == 0;
    }

    /** Ticks simulated so far; readable from any thread. */
    public int ticks() {
        return ticks;
    }

    /** Sum of all players' kills; readable from any thread. */
    public long totalKills() {
        return totalKills;
    }

    @Override
    public void resize(int width, int height) {}

    @Override
    public void pause() {}

    @Override
    public void resume() {}

    @Override
    public void dispose() {
        LOG.info("host stopped after {} ticks", ticks);
        stopped.countDown();
    }
}
