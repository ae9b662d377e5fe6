package dev.netcode.sample.sim;

/**
 * Lag compensation for the host: a ring of recent per-tick player positions, and
 * {@link HitTargets} rewound to the tick a shooter was looking at.
 *
 * <h2>Usage</h2>
 * <pre>{@code
 * PositionHistory history = new PositionHistory(64);                // about 1 s at 60 Hz
 * world.setHitTargetSource(history.hitTargetSource(world, 38));     // rewind at most ~633 ms
 * // after every world.step(...):
 * history.record(world);
 * }</pre>
 * The shooter's {@link PlayerInput#viewDelay()} says how many ticks behind the input's tick its
 * view of the others was; the source judges the shot against the positions recorded then.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>The rewind is capped ({@code maxRewindTicks}) so a client cannot claim an arbitrarily
 *       old view, and clamped to the oldest recorded tick. Size the cap for a client's whole view
 *       lag (interpolation delay + RTT/2 + input wait), not just the interpolation delay: the
 *       networked host uses {@code ArenaProtocol.MAX_REWIND_MS}; a cap below the real lag judges
 *       every shot at a moving target at the wrong time.</li>
 *   <li>Liveness is rewound too: a player who died after the view tick can still be hit, as the
 *       shooter saw him alive; the world ignores damage to players already dead.</li>
 *   <li>Record after every step, or ticks are missing and the nearest older one is used.</li>
 * </ul>
 */
public final class PositionHistory {
    private final int capacityTicks;
    private final int[] ticks;
    private final int[] counts;
    private final int[][] ids;
    private final float[][] xs;
    private final float[][] ys;
    private final boolean[][] alive;
    private int newest = -1;
    private int size;
    private final Frame frame = new Frame();

    public PositionHistory(int capacityTicks) {
        if (capacityTicks <= 0) {
            throw new IllegalArgumentException("capacityTicks must be positive: " + capacityTicks);
        }
        this.capacityTicks = capacityTicks;
        ticks = new int[capacityTicks];
        counts = new int[capacityTicks];
        ids = new int[capacityTicks][ArenaRules.MAX_PLAYERS];
        xs = new float[capacityTicks][ArenaRules.MAX_PLAYERS];
        ys = new float[capacityTicks][ArenaRules.MAX_PLAYERS];
        alive = new boolean[capacityTicks][ArenaRules.MAX_PLAYERS];
    }

    /** Records the world's positions at its current tick. */
    public void record(World world) {
        newest = (newest + 1) % capacityTicks;
        size = Math.min(size + 1, capacityTicks);
        ticks[newest] = world.tick();
        int n = world.playerCount();
        counts[newest] = n;
        for (int i = 0; i < n; i++) {
            PlayerState p = world.player(i);
            ids[newest][i] = p.id();
            xs[newest][i] = p.x();
            ys[newest][i] = p.y();
            alive[newest][i] = p.alive();
        }
    }

    /** Number of ticks recorded (at most the capacity). */
    public int size() {
        return size;
    }

    /**
     * Positions at the newest recorded tick not after {@code tick}, or the oldest recorded if all
     * are later; null if nothing is recorded. The returned view is reused by the next call.
     */
    public HitTargets at(int tick) {
        if (size == 0) {
            return null;
        }
        int slot = newest;
        for (int k = 0; k < size; k++) {
            int s = Math.floorMod(newest - k, capacityTicks);
            slot = s;
            if (ticks[s] <= tick) {
                break;
            }
        }
        frame.slot = slot;
        return frame;
    }

    /** Tick of the frame {@link #at} would return. */
    public int recordedTickAt(int tick) {
        HitTargets t = at(tick);
        return t == null ? -1 : ticks[frame.slot];
    }

    /**
     * A source for {@link World#setHitTargetSource}: judges each shot against the positions
     * {@code min(viewDelay, maxRewindTicks)} ticks before the world's tick being stepped.
     */
    public World.HitTargetSource hitTargetSource(World world, int maxRewindTicks) {
        return (shooter, input, current) -> {
            int rewind = Math.min(input.viewDelay(), maxRewindTicks);
            if (rewind == 0 || size == 0) {
                return current;
            }
            // The world has already advanced its tick counter for the step being judged.
            return at(world.tick() - rewind);
        };
    }

    private final class Frame implements HitTargets {
        int slot;

        @Override
        public int count() {
            return counts[slot];
        }

        @Override
        public int id(int index) {
            return ids[slot][index];
        }

        @Override
        public float x(int index) {
            return xs[slot][index];
        }

        @Override
        public float y(int index) {
            return ys[slot][index];
        }

        @Override
        public boolean alive(int index) {
            return alive[slot][index];
        }
    }
}
