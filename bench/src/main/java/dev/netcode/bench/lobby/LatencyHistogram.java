package dev.netcode.bench.lobby;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A lock-free latency histogram for the load generator's event loops: 10 µs buckets up to 100 ms,
 * then 1 ms buckets up to 10 s, then one overflow bucket. Recording is one atomic increment, no
 * allocation; percentiles are read after the run.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Percentiles are bucket upper bounds: 10 µs resolution below 100 ms, 1 ms above.</li>
 *   <li>Anything over 10 s lands in the overflow bucket and is reported as 10 s.</li>
 * </ul>
 */
final class LatencyHistogram {
    private static final long FINE_STEP_NS = 10_000;            // 10 µs
    private static final int FINE_BUCKETS = 10_000;             // up to 100 ms
    private static final long COARSE_STEP_NS = 1_000_000;       // 1 ms
    private static final int COARSE_BUCKETS = 9_900;            // 100 ms .. 10 s
    private static final long FINE_LIMIT_NS = FINE_STEP_NS * FINE_BUCKETS;

    private final AtomicLongArray counts = new AtomicLongArray(FINE_BUCKETS + COARSE_BUCKETS + 1);

    void record(long latencyNs) {
        int bucket;
        if (latencyNs < 0) {
            bucket = 0;
        } else if (latencyNs < FINE_LIMIT_NS) {
            bucket = (int) (latencyNs / FINE_STEP_NS);
        } else {
            long coarse = (latencyNs - FINE_LIMIT_NS) / COARSE_STEP_NS;
            bucket = FINE_BUCKETS + (int) Math.min(coarse, COARSE_BUCKETS);
        }
        counts.incrementAndGet(bucket);
    }

    long count() {
        long n = 0;
        for (int i = 0; i < counts.length(); i++) {
            n += counts.get(i);
        }
        return n;
    }

    /** The latency in milliseconds at or below which {@code quantile} (0..1) of the samples fall; 0 when empty. */
    double percentileMs(double quantile) {
        long total = count();
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(quantile * total);
        long seen = 0;
        for (int i = 0; i < counts.length(); i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return upperBoundNs(i) / 1e6;
            }
        }
        return upperBoundNs(counts.length() - 1) / 1e6;
    }

    private static long upperBoundNs(int bucket) {
        if (bucket < FINE_BUCKETS) {
            return (bucket + 1) * FINE_STEP_NS;
        }
        return FINE_LIMIT_NS + (long) (bucket - FINE_BUCKETS + 1) * COARSE_STEP_NS;
    }
}
