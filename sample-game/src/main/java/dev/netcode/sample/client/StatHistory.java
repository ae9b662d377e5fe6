package dev.netcode.sample.client;

/**
 * A fixed-capacity ring of samples for one overlay graph; the oldest sample is overwritten.
 * Allocation-free after construction.
 */
public final class StatHistory {
    private final float[] values;
    private int start;
    private int size;

    public StatHistory(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        values = new float[capacity];
    }

    public void add(float value) {
        if (size < values.length) {
            values[(start + size++) % values.length] = value;
        } else {
            values[start] = value;
            start = (start + 1) % values.length;
        }
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return values.length;
    }

    /** Sample {@code i}, 0 = oldest. */
    public float get(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        return values[(start + i) % values.length];
    }

    public float latest() {
        return size == 0 ? 0f : get(size - 1);
    }

    public float max() {
        float m = 0f;
        for (int i = 0; i < size; i++) {
            m = Math.max(m, get(i));
        }
        return m;
    }

    public void clear() {
        start = 0;
        size = 0;
    }
}
