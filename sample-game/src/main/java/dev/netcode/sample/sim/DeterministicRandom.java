package dev.netcode.sample.sim;

/**
 * SplitMix64: a tiny seeded generator whose whole state is one {@code long}, so it can be hashed,
 * copied into a predicted world and sent in a snapshot. Its output is defined by integer
 * arithmetic only, so it is identical on every JVM (unlike relying on the unspecified algorithm
 * of {@link java.util.Random} subclasses).
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Not for security: it is fully predictable from its state.</li>
 *   <li>Draw in a fixed order; drawing conditionally on non-deterministic data breaks replays.</li>
 * </ul>
 */
public final class DeterministicRandom {
    private long state;

    public DeterministicRandom(long seed) {
        this.state = seed;
    }

    public long state() {
        return state;
    }

    public void setState(long state) {
        this.state = state;
    }

    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, bound); bound must be positive. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        // Multiply-shift of the top 32 bits: bias is below 2^-32 * bound, irrelevant for a game.
        return (int) (((nextLong() >>> 32) * bound) >>> 32);
    }

    /** Uniform in [0, 1). */
    public float nextFloat() {
        return (nextLong() >>> 40) * 0x1.0p-24f;
    }

    public boolean nextBoolean() {
        return nextLong() < 0;
    }
}
