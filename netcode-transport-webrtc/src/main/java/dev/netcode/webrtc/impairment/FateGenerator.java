package dev.netcode.webrtc.impairment;

import java.util.SplittableRandom;

/**
 * Decides the {@link DatagramFate} of each datagram of one direction from a seeded
 * pseudo-random stream: the n-th datagram gets the same fate in every run with the same seed
 * (like Aeron's loss generators, but covering duplication, reordering and delay too).
 *
 * <p>Exactly four random draws per datagram whatever the outcome, so one decision never shifts
 * the stream of the others: the drop set of a run does not change when only, say, the duplicate
 * rate changes.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Not thread-safe: one generator per direction, used by one thread.</li>
 * </ul>
 */
public final class FateGenerator {

    private final SplittableRandom random;
    private final double dropFraction;
    private final double duplicateFraction;
    private final double reorderFraction;
    private final long delayNanos;
    private final long jitterNanos;

    public FateGenerator(ImpairmentConfig config, long seed) {
        this.random = new SplittableRandom(seed);
        this.dropFraction = config.dropPercent() / 100.0;
        this.duplicateFraction = config.duplicatePercent() / 100.0;
        this.reorderFraction = config.reorderPercent() / 100.0;
        this.delayNanos = config.delayMs() * 1_000_000L;
        this.jitterNanos = config.jitterMs() * 1_000_000L;
    }

    /** The fate of the next datagram. */
    public DatagramFate next() {
        boolean drop = random.nextDouble() < dropFraction;
        boolean duplicate = random.nextDouble() < duplicateFraction;
        boolean reorder = random.nextDouble() < reorderFraction;
        double jitterDraw = random.nextDouble();
        if (drop) {
            return new DatagramFate(true, false, false, 0);
        }
        long delay = delayNanos;
        if (jitterNanos > 0) {
            delay += (long) ((jitterDraw * 2 - 1) * jitterNanos);
        }
        return new DatagramFate(false, duplicate, reorder, Math.max(0, delay));
    }
}
