package dev.netcode.bench.datachannel;

import java.util.Arrays;

/** Sorted round-trip samples with nearest-rank percentiles, in microseconds. */
record LatencySamples(int samples, double p50Us, double p99Us, double minUs, double maxUs) {

    /** Summarises {@code nanos} (not modified). */
    static LatencySamples ofNanos(long[] nanos) {
        if (nanos.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new LatencySamples(sorted.length, percentile(sorted, 0.50) / 1e3, percentile(sorted, 0.99) / 1e3,
                sorted[0] / 1e3, sorted[sorted.length - 1] / 1e3);
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
