package dev.netcode.webrtc.testing;

/**
 * Round-trip times of one-at-a-time echoes measured in the page, in microseconds.
 *
 * @param crossOriginIsolated true when the page's {@code performance.now()} had 5 µs resolution;
 *     false means 100 µs resolution and the percentiles are coarse
 */
public record RttResult(int sizeBytes, int samples, double p50Us, double p99Us, double meanUs, double minUs,
        double maxUs, boolean crossOriginIsolated) {

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT,
                "%d B RTT over %d samples: p50 %.0f us, p99 %.0f us, mean %.0f us, min %.0f us, max %.0f us%s",
                sizeBytes, samples, p50Us, p99Us, meanUs, minUs, maxUs,
                crossOriginIsolated ? "" : " (100 us timer resolution)");
    }
}
