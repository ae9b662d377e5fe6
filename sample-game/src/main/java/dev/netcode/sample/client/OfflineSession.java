package dev.netcode.sample.client;

import dev.netcode.sample.bot.BotBrain;
import dev.netcode.sample.bot.LocalBots;
import dev.netcode.sample.sim.ArenaRules;
import dev.netcode.sample.sim.PlayerInput;
import dev.netcode.sample.sim.PlayerView;
import dev.netcode.sample.sim.ShotEvent;
import dev.netcode.sample.sim.World;
import java.util.ArrayList;
import java.util.List;

/**
 * A game without a network: the local player and in-process bots in a local {@link World},
 * stepped at the fixed tick from the frame time. It is the desktop client's offline demo and the
 * reference the networked session must look like on a perfect link.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Frame time above 250 ms is cut (a stall must not make the world jump seconds ahead), and at
 *       most {@link #MAX_TICKS_PER_FRAME} ticks run per frame.</li>
 *   <li>With autopilot on, a bot brain plays the local player (demo, screenshot test).</li>
 * </ul>
 */
public final class OfflineSession implements GameSession, GameView {
    public static final int MAX_TICKS_PER_FRAME = 5;
    private static final float MAX_FRAME_SECONDS = 0.25f;
    private static final float SHOT_VISIBLE_SECONDS = 0.3f;

    private final World world;
    private final LocalBots bots;
    private final int localId;
    private final String localName;
    private final BotBrain autopilot;
    private final PlayerInput[] inputs = new PlayerInput[ArenaRules.MAX_PLAYERS];
    private final List<ShotEvent> recentShots = new ArrayList<>();
    private float accumulatorSeconds;

    /**
     * @param seed world and bot seed
     * @param botCount bots besides the local player
     * @param localName the local player's display name
     * @param autopilot whether a bot brain plays the local player instead of the controls
     */
    public OfflineSession(long seed, int botCount, String localName, boolean autopilot) {
        if (botCount < 0 || botCount >= ArenaRules.MAX_PLAYERS) {
            throw new IllegalArgumentException("bots must be in [0, " + (ArenaRules.MAX_PLAYERS - 1) + "]: " + botCount);
        }
        this.world = new World(seed);
        this.localId = world.addPlayer();
        this.localName = localName;
        this.bots = new LocalBots(world, botCount, seed + 1000);
        this.autopilot = autopilot ? new BotBrain(localId, seed + 2000) : null;
    }

    @Override
    public void update(float deltaSeconds, LocalControls controls) {
        accumulatorSeconds += Math.min(Math.max(deltaSeconds, 0f), MAX_FRAME_SECONDS);
        int steps = 0;
        while (accumulatorSeconds >= ArenaRules.TICK_SECONDS && steps < MAX_TICKS_PER_FRAME) {
            accumulatorSeconds -= ArenaRules.TICK_SECONDS;
            stepOnce(controls);
            steps++;
        }
        if (steps == MAX_TICKS_PER_FRAME) {
            accumulatorSeconds = 0f; // too slow to keep up: slow the game down rather than spiral
        }
    }

    private void stepOnce(LocalControls controls) {
        int tick = world.tick() + 1;
        bots.fillInputs(world, tick, inputs);
        inputs[localId] = autopilot != null
                ? autopilot.think(world, tick)
                : PlayerInput.of(tick, controls.moveX, controls.moveY, controls.aimRadians, controls.fire);
        world.step(inputs);
        recentShots.addAll(world.shotsThisTick());
        int oldestTick = world.tick() - (int) (SHOT_VISIBLE_SECONDS * ArenaRules.TICK_RATE_HZ);
        recentShots.removeIf(s -> s.tick() < oldestTick);
    }

    /** The simulated world (tests, tools). */
    public World world() {
        return world;
    }

    @Override
    public GameView view() {
        return this;
    }

    @Override
    public NetworkStatsSource networkStats() {
        return NetworkStatsSource.offline();
    }

    @Override
    public int localPlayerId() {
        return localId;
    }

    @Override
    public int playerCount() {
        return world.playerCount();
    }

    @Override
    public PlayerView player(int index) {
        return world.player(index);
    }

    @Override
    public PlayerView findPlayer(int id) {
        return world.playerById(id);
    }

    @Override
    public int shotCount() {
        return recentShots.size();
    }

    @Override
    public ShotEvent shot(int index) {
        return recentShots.get(index);
    }

    @Override
    public float shotAgeSeconds(int index) {
        return (world.tick() - recentShots.get(index).tick()) * ArenaRules.TICK_SECONDS;
    }

    @Override
    public String playerName(int id) {
        return id == localId ? localName : "bot-" + id;
    }

    @Override
    public String statusLine() {
        return "offline demo, " + bots.count() + " bots" + (autopilot != null ? ", autopilot" : "");
    }
}
