package dev.netcode.core.interpolation;

import java.util.Objects;

/**
 * A bounded, time-ordered buffer of received snapshots and the lookup "which two snapshots surround
 * render time t, and how far between them".
 *
 * <p>Snapshots may arrive out of order; they are inserted by server time, and duplicates (same
 * time) are ignored. When full, the oldest is dropped. {@link #sample} fills a reusable
 * {@link Sample}: {@code from}, {@code to} and {@code alpha} in {@code [0, 1]} when interpolating,
 * {@code alpha > 1} when extrapolating past the newest snapshot (bounded by the caller's limit), and
 * {@code from == to} with alpha 0 when only one snapshot is known or t is before the oldest.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>The buffer keeps references; do not reuse or mutate a snapshot object after adding it.</li>
 *   <li>Extrapolated values are guesses: keep the limit short (one send interval or less).</li>
 * </ul>
 *
 * @param <T> the snapshot type (e.g. {@code dev.netcode.core.snapshot.Snapshot})
 */
public final class SnapshotBuffer<T> {
    private final long[] times;
    private final Object[] items;
    private int start;
    private int size;

    public SnapshotBuffer(int capacity) {
        if (capacity < 2 || capacity > 4096) {
            throw new IllegalArgumentException("capacity must be 2..4096: " + capacity);
        }
        this.times = new long[capacity];
        this.items = new Object[capacity];
    }

    /** The result of a lookup, reused between frames. */
    public static final class Sample<T> {
        public T from;
        public T to;
        public long fromTimeNs;
        public long toTimeNs;
        /** Fraction of the way from {@code from} to {@code to}; above 1 when extrapolating. */
        public double alpha;
        /** True when render time was past the newest snapshot (the buffer ran dry). */
        public boolean extrapolating;
    }

    public int size() {
        return size;
    }

    private int index(int i) {
        return (start + i) % times.length;
    }

    public long timeAt(int i) {
        Objects.checkIndex(i, size);
        return times[index(i)];
    }

    @SuppressWarnings("unchecked")
    public T itemAt(int i) {
        Objects.checkIndex(i, size);
        return (T) items[index(i)];
    }

    public long newestTimeNs() {
        return size == 0 ? Long.MIN_VALUE : times[index(size - 1)];
    }

    /** Inserts by time; returns false for a duplicate time or one older than everything in a full buffer. */
    public boolean add(long serverTimeNs, T snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        int pos = size;
        while (pos > 0 && times[index(pos - 1)] > serverTimeNs) {
            pos--;
        }
        if (pos > 0 && times[index(pos - 1)] == serverTimeNs) {
            return false;
        }
        if (size == times.length) {
            if (pos == 0) {
                return false;
            }
            // drop the oldest
            items[start] = null;
            start = (start + 1) % times.length;
            size--;
            pos--;
        }
        for (int i = size; i > pos; i--) {
            times[index(i)] = times[index(i - 1)];
            items[index(i)] = items[index(i - 1)];
        }
        times[index(pos)] = serverTimeNs;
        items[index(pos)] = snapshot;
        size++;
        return true;
    }

    /**
     * Finds the snapshots around {@code renderTimeNs}. Snapshots older than the one just before
     * render time are released.
     *
     * @return false when the buffer is empty
     */
    @SuppressWarnings("unchecked")
    public boolean sample(long renderTimeNs, long maxExtrapolationNs, Sample<T> out) {
        if (size == 0) {
            return false;
        }
        // Keep exactly one snapshot at or before render time: older ones are no longer needed.
        while (size > 2 && times[index(1)] <= renderTimeNs) {
            items[start] = null;
            start = (start + 1) % times.length;
            size--;
        }
        out.extrapolating = false;
        long first = times[index(0)];
        if (size == 1 || renderTimeNs <= first) {
            T only = (T) items[index(0)];
            if (size == 1 && renderTimeNs > first) {
                out.extrapolating = true;
            }
            out.from = only;
            out.to = only;
            out.fromTimeNs = first;
            out.toTimeNs = first;
            out.alpha = 0;
            return true;
        }
        int i = 0;
        while (i + 1 < size && times[index(i + 1)] < renderTimeNs) {
            i++;
        }
        if (i + 1 >= size) {
            i = size - 2; // past the newest: extrapolate along the last two
            out.extrapolating = true;
        }
        long t0 = times[index(i)];
        long t1 = times[index(i + 1)];
        long t = Math.min(renderTimeNs, t1 + maxExtrapolationNs);
        out.from = (T) items[index(i)];
        out.to = (T) items[index(i + 1)];
        out.fromTimeNs = t0;
        out.toTimeNs = t1;
        out.alpha = (double) (t - t0) / (double) (t1 - t0);
        return true;
    }
}
