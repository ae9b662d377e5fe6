package dev.netcode.webrtc.testing;

/**
 * One bulk-throughput run measured in the page.
 *
 * @param sizeBytes size of each message
 * @param totalBytes bytes received
 * @param elapsedMs from the first {@code send()} to the arrival of the last byte
 * @param megabytesPerSecond {@code totalBytes / 10^6 / seconds} (decimal megabytes)
 */
public record ThroughputResult(int sizeBytes, long totalBytes, double elapsedMs, double megabytesPerSecond) {

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%d B messages: %.1f MB/s (%d bytes in %.1f ms)",
                sizeBytes, megabytesPerSecond, totalBytes, elapsedMs);
    }
}
