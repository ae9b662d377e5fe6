package dev.netcode.core.prediction.internal;

import java.util.Arrays;

/**
 * The newest {@code capacity} samples of a metric, for percentiles. Recording is allocation-free;
 * {@link #percentile} sorts a copy (call it for reports, not per tick). Not thread-safe.
 */
public final class SampleWindow {
    private final double[] samples;
    private long count;

    public SampleWindow(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1");
        }
        samples = new double[capacity];
    }

    public void record(double value) {
        samples[(int) (count % samples.length)] = value;
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
        double[] copy = Arrays.copyOf(samples, n);
        Arrays.sort(copy);
        int rank = (int) Math.ceil(p / 100.0 * n) - 1;
        return copy[Math.max(0, Math.min(n - 1, rank))];
    }

    public void clear() {
        count = 0;
    }
}
