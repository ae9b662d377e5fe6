package dev.netcode.core.lagcomp;

import java.util.Arrays;

/**
 * The server's memory of where entities were, tick by tick: a fixed ring of
 * {@code capacityTicks} ticks × {@code maxEntities} positions, allocated once.
 *
 * <pre>{@code
 * EntityHistory history = new EntityHistory(2, 64, 90);   // x,y; 64 entities; 1.5 s at 60 Hz
 * // every server tick, after simulating:
 * history.beginTick(tick);
 * for (Entity e : world) history.record(e.id, e.x, e.y);
 * }</pre>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Record every tick: a sample between two ticks interpolates linearly between them, so a
 *       missing tick makes {@link #sample} fail for that span.</li>
 *   <li>Entities beyond {@code maxEntities} in one tick are not recorded ({@link #overflows()}).</li>
 *   <li>Lookup is a linear scan per tick (fine for tens of entities); not thread-safe.</li>
 * </ul>
 */
public final class EntityHistory {
    private final int dimensions;
    private final int maxEntities;
    private final int[] slotTick;
    private final int[] counts;
    private final int[][] ids;
    private final double[][] positions;
    private int currentSlot = -1;
    private int newestTick = -1;
    private long overflows;

    public EntityHistory(int dimensions, int maxEntities, int capacityTicks) {
        if (dimensions < 1 || dimensions > 4 || maxEntities < 1 || maxEntities > 1 << 16
                || capacityTicks < 2 || capacityTicks > 1 << 16) {
            throw new IllegalArgumentException("dimensions 1..4, maxEntities 1..65536, capacityTicks 2..65536");
        }
        this.dimensions = dimensions;
        this.maxEntities = maxEntities;
        this.slotTick = new int[capacityTicks];
        Arrays.fill(slotTick, -1);
        this.counts = new int[capacityTicks];
        this.ids = new int[capacityTicks][maxEntities];
        this.positions = new double[capacityTicks][maxEntities * dimensions];
    }

    /** Starts recording {@code tick} (must increase), overwriting the oldest tick. */
    public void beginTick(int tick) {
        if (tick < 0 || tick <= newestTick) {
            throw new IllegalArgumentException("ticks must increase: " + tick + " after " + newestTick);
        }
        currentSlot = tick % slotTick.length;
        slotTick[currentSlot] = tick;
        counts[currentSlot] = 0;
        newestTick = tick;
    }

    public void record(int entityId, double x) {
        double[] p = slot();
        if (p != null) { p[base()] = x; counts[currentSlot]++; lastId(entityId); }
    }

    public void record(int entityId, double x, double y) {
        double[] p = slot();
        if (p != null) { int b = base(); p[b] = x; p[b + 1] = y; counts[currentSlot]++; lastId(entityId); }
    }

    public void record(int entityId, double[] position) {
        double[] p = slot();
        if (p != null) { System.arraycopy(position, 0, p, base(), dimensions); counts[currentSlot]++; lastId(entityId); }
    }

    private double[] slot() {
        if (currentSlot < 0) {
            throw new IllegalStateException("beginTick first");
        }
        if (counts[currentSlot] >= maxEntities) {
            overflows++;
            return null;
        }
        return positions[currentSlot];
    }

    private int base() {
        return counts[currentSlot] * dimensions;
    }

    private void lastId(int entityId) {
        ids[currentSlot][counts[currentSlot] - 1] = entityId;
    }

    /**
     * Writes where {@code entityId} was at the (fractional) {@code tick}, interpolating between the
     * two recorded ticks around it. Returns false if that time or entity is not in the history.
     */
    public boolean sample(double tick, int entityId, double[] out) {
        if (!(tick >= 0) || tick > newestTick) {
            return false;
        }
        int t0 = (int) Math.floor(tick);
        double frac = tick - t0;
        int i0 = find(t0, entityId);
        if (i0 < 0) {
            return false;
        }
        double[] p0 = positions[t0 % slotTick.length];
        if (frac == 0) {
            System.arraycopy(p0, i0 * dimensions, out, 0, dimensions);
            return true;
        }
        int i1 = find(t0 + 1, entityId);
        if (i1 < 0) {
            return false;
        }
        double[] p1 = positions[(t0 + 1) % slotTick.length];
        for (int d = 0; d < dimensions; d++) {
            double a = p0[i0 * dimensions + d];
            out[d] = a + (p1[i1 * dimensions + d] - a) * frac;
        }
        return true;
    }

    private int find(int tick, int entityId) {
        int slot = tick % slotTick.length;
        if (slotTick[slot] != tick) {
            return -1;
        }
        int[] slotIds = ids[slot];
        for (int i = 0; i < counts[slot]; i++) {
            if (slotIds[i] == entityId) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Ticks of history needed to rewind {@code maxRewindMs}: the span itself plus two ticks, one for
     * the interpolation partner of a fractional tick and one for the tick being stepped.
     */
    public static int ticksFor(double maxRewindMs, double tickMs) {
        if (!(maxRewindMs >= 0) || !(tickMs > 0) || maxRewindMs / tickMs > (1 << 16) - 2) {
            throw new IllegalArgumentException("maxRewindMs must be >= 0 and tickMs > 0, and the span at most 65534 ticks");
        }
        return (int) Math.ceil(maxRewindMs / tickMs) + 2;
    }

    /** How many ticks the ring holds. */
    public int capacityTicks() {
        return slotTick.length;
    }

    /** Oldest tick still held, or -1 when empty. */
    public int oldestTick() {
        return newestTick < 0 ? -1 : Math.max(0, newestTick - slotTick.length + 1);
    }

    public int newestTick() {
        return newestTick;
    }

    public int dimensions() {
        return dimensions;
    }

    public long overflows() {
        return overflows;
    }
}
