package dev.netcode.core.prediction.internal;

import java.util.Arrays;

/**
 * The newest {@code capacity} integer samples of a metric, for percentiles, stored as 16-bit values:
 * a quarter of a {@code float} window's heap, for metrics that are small whole numbers (an input's
 * arrival slack in ticks, one window per connected client on a host). Samples outside the
 * {@code short} range saturate at its ends. The store grows to {@code capacity} as samples come;
 * recording is allocation-free once it is full. {@link #percentile} sorts a copy (call it for
 * reports, not per tick). Not thread-safe.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Only for integer metrics whose interesting range fits in ±32,767; use {@link SampleWindow}
 *       for anything fractional.</li>
 * </ul>
 */
public final class ShortSampleWindow {
    private static final int INITIAL_CAPACITY = 64;
    private final int capacity;
    private short[] samples;
    private long count;

    public ShortSampleWindow(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1");
        }
        this.capacity = capacity;
        samples = new short[Math.min(capacity, INITIAL_CAPACITY)];
    }

    public void record(int value) {
        if (count == samples.length && samples.length < capacity) {
            samples = Arrays.copyOf(samples, (int) Math.min(capacity, 2L * samples.length));
        }
        samples[(int) (count % samples.length)] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, value));
        count++;
    }

    /** Samples ever recorded (the window keeps the newest {@code capacity}). */
    public long count() {
        return count;
    }

    /** The {@code p}-th percentile (0..100, nearest rank) of the window, or 0 when empty. */
    public double percentile(double p) {
        int n = (int) Math.min(count, samples.length);
        if (n == 0) {
            return 0;
        }
        short[] copy = Arrays.copyOf(samples, n);
        Arrays.sort(copy);
        int rank = (int) Math.ceil(p / 100.0 * n) - 1;
        return copy[Math.max(0, Math.min(n - 1, rank))];
    }

    /** Bytes the store holds now (grows to {@code 2 * capacity}). */
    public int storeBytes() {
        return samples.length * Short.BYTES;
    }

    public void clear() {
        count = 0;
    }
}
