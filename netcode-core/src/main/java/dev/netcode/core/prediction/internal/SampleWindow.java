package dev.netcode.core.prediction.internal;

import java.util.Arrays;

/**
 * The newest {@code capacity} samples of a metric, for percentiles. Samples are kept as floats and
 * the store grows to {@code capacity} as samples come (a window per connection on a busy host was
 * 64 KiB of doubles from the first tick); recording is allocation-free once it is full.
 * {@link #percentile} sorts a copy (call it for reports, not per tick). Not thread-safe.
 */
public final class SampleWindow {
    private static final int INITIAL_CAPACITY = 64;
    private final int capacity;
    private float[] samples;
    private long count;

    public SampleWindow(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1");
        }
        this.capacity = capacity;
        samples = new float[Math.min(capacity, INITIAL_CAPACITY)];
    }

    public void record(double value) {
        if (count == samples.length && samples.length < capacity) {
            samples = Arrays.copyOf(samples, (int) Math.min(capacity, 2L * samples.length));
        }
        samples[(int) (count % samples.length)] = (float) value;
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
        float[] copy = Arrays.copyOf(samples, n);
        Arrays.sort(copy);
        int rank = (int) Math.ceil(p / 100.0 * n) - 1;
        return copy[Math.max(0, Math.min(n - 1, rank))];
    }

    public void clear() {
        count = 0;
    }
}
