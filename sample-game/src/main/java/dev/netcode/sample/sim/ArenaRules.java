package dev.netcode.sample.sim;

/**
 * The arena's gameplay constants, in ticks and world units. Host and clients must use the same
 * values; they are compiled in rather than configured so a mismatch cannot happen at runtime.
 */
public final class ArenaRules {
    public static final int TICK_RATE_HZ = 60;
    public static final float TICK_SECONDS = 1f / TICK_RATE_HZ;
    public static final int MAX_PLAYERS = 16;
    public static final int MAX_HP = 100;
    public static final int SHOT_DAMAGE = 25;
    public static final float SHOT_RANGE = 30f;
    public static final int FIRE_COOLDOWN_TICKS = 15;
    public static final int RESPAWN_TICKS = 2 * TICK_RATE_HZ;
    /** A spawn point closer than this to a living player is avoided when another is free. */
    public static final float SPAWN_CLEARANCE = 8f;

    private static final float W = PlayerMotion.ARENA_WIDTH;
    private static final float H = PlayerMotion.ARENA_HEIGHT;
    /** {x, y} pairs: four corners, four edge midpoints, inset from the walls. */
    private static final float[] SPAWN_POINTS = {
        4f, 4f, W - 4f, 4f, 4f, H - 4f, W - 4f, H - 4f,
        W / 2f, 4f, W / 2f, H - 4f, 4f, H / 2f, W - 4f, H / 2f,
    };

    private ArenaRules() {}

    public static int spawnPointCount() {
        return SPAWN_POINTS.length / 2;
    }

    public static float spawnX(int index) {
        return SPAWN_POINTS[2 * index];
    }

    public static float spawnY(int index) {
        return SPAWN_POINTS[2 * index + 1];
    }
}
