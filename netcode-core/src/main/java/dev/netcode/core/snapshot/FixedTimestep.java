package dev.netcode.core.snapshot;

/**
 * A fixed simulation tick driven by a variable wall clock, with snapshot send rates independent of
 * the tick rate.
 *
 * <pre>{@code
 * FixedTimestep ticks = new FixedTimestep(60, 5);          // simulate at 60 Hz, catch up at most 5 ticks
 * // server loop, any frequency:
 * int due = ticks.advance(System.nanoTime());
 * for (int i = 0; i < due; i++) {
 *     long tick = ticks.nextTick();                        // 0, 1, 2 …
 *     simulate(tick);
 *     for (Client c : clients) {
 *         if (FixedTimestep.isSendTick(tick, 60, c.sendHz(), c.id())) { send(c, tick); }
 *     }
 * }
 * }</pre>
 *
 * <p>Time accumulates and is consumed in whole ticks, so the simulation runs at exactly
 * {@code tickHz} on average whatever the loop's jitter. {@link #isSendTick} spreads clients with the
 * same send rate over different ticks (by id) so a 20 Hz send rate on a 60 Hz tick does not put
 * every client's snapshot on the same tick.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>After a long pause (a GC, a debugger) at most {@code maxCatchUpTicks} run at once and the
 *       rest of the backlog is dropped ({@link #droppedTicks()}): a spiral of death is worse than a
 *       skipped moment.</li>
 *   <li>The send rate must divide the tick rate for an even cadence; otherwise the cadence is the
 *       nearest whole number of ticks ({@code round(tickHz / sendHz)}).</li>
 * </ul>
 */
public final class FixedTimestep {
    private final long tickNs;
    private final int maxCatchUpTicks;
    private long lastNs = Long.MIN_VALUE;
    private long accumulatedNs;
    private long nextTick;
    private long droppedTicks;
    private int pending;

    public FixedTimestep(int tickHz, int maxCatchUpTicks) {
        if (tickHz < 1 || tickHz > 1000) {
            throw new IllegalArgumentException("tickHz must be 1..1000: " + tickHz);
        }
        if (maxCatchUpTicks < 1) {
            throw new IllegalArgumentException("maxCatchUpTicks must be >= 1");
        }
        this.tickNs = 1_000_000_000L / tickHz;
        this.maxCatchUpTicks = maxCatchUpTicks;
    }

    /** Accounts for time up to {@code nowNs} and returns how many ticks are due now. */
    public int advance(long nowNs) {
        if (lastNs == Long.MIN_VALUE) {
            lastNs = nowNs;
            return 0;
        }
        accumulatedNs += Math.max(0, nowNs - lastNs);
        lastNs = nowNs;
        long due = accumulatedNs / tickNs;
        accumulatedNs -= due * tickNs;
        if (due > maxCatchUpTicks) {
            droppedTicks += due - maxCatchUpTicks;
            due = maxCatchUpTicks;
        }
        pending += (int) due;
        return (int) due;
    }

    /** The number of the next tick to simulate; call once per tick returned by {@link #advance}. */
    public long nextTick() {
        if (pending <= 0) {
            throw new IllegalStateException("no tick is due; call advance() first");
        }
        pending--;
        return nextTick++;
    }

    /** Fraction of a tick accumulated towards the next one, for rendering between ticks. */
    public double alpha() {
        return accumulatedNs / (double) tickNs;
    }

    public long tickNs() {
        return tickNs;
    }

    public long droppedTicks() {
        return droppedTicks;
    }

    /**
     * Whether client {@code clientId} with send rate {@code sendHz} gets a snapshot on {@code tick}
     * of a {@code tickHz} simulation.
     */
    public static boolean isSendTick(long tick, int tickHz, int sendHz, int clientId) {
        if (sendHz <= 0) {
            return false;
        }
        long every = Math.max(1, Math.round((double) tickHz / sendHz));
        return Math.floorMod(tick + clientId, every) == 0;
    }
}
