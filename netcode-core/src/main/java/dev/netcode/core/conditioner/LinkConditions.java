package dev.netcode.core.conditioner;

/**
 * What one direction of a conditioned link does to packets. Validated on construction.
 *
 * @param latencyMs one-way base delay
 * @param jitterMs each packet's delay varies uniformly within {@code latencyMs ± jitterMs} (never below 0)
 * @param lossPercent chance that an unreliable packet is lost; on the reliable channel a loss
 *     becomes a retransmission delay instead (see {@link ConditionedTransport})
 * @param duplicatePercent chance that an unreliable packet arrives twice
 * @param reorderPercent chance that an unreliable packet is held back by up to two more latencies,
 *     so that later packets overtake it (on top of the reordering jitter already causes)
 * @param bandwidthKbps link rate in kilobits per second; 0 means unlimited
 */
public record LinkConditions(double latencyMs, double jitterMs, double lossPercent, double duplicatePercent,
        double reorderPercent, int bandwidthKbps) {

    /** A perfect link: no delay, no loss. */
    public static final LinkConditions PERFECT = new LinkConditions(0, 0, 0, 0, 0, 0);

    public LinkConditions {
        check(latencyMs >= 0 && latencyMs <= 60_000, "latencyMs must be 0..60000, was " + latencyMs);
        check(jitterMs >= 0 && jitterMs <= 60_000, "jitterMs must be 0..60000, was " + jitterMs);
        check(lossPercent >= 0 && lossPercent <= 100, "lossPercent must be 0..100, was " + lossPercent);
        check(duplicatePercent >= 0 && duplicatePercent <= 100, "duplicatePercent must be 0..100, was " + duplicatePercent);
        check(reorderPercent >= 0 && reorderPercent <= 100, "reorderPercent must be 0..100, was " + reorderPercent);
        check(bandwidthKbps >= 0, "bandwidthKbps must be >= 0, was " + bandwidthKbps);
    }

    /** Latency, jitter and loss only. */
    public static LinkConditions of(double latencyMs, double jitterMs, double lossPercent) {
        return new LinkConditions(latencyMs, jitterMs, lossPercent, 0, 0, 0);
    }

    public LinkConditions withDuplicatePercent(double value) {
        return new LinkConditions(latencyMs, jitterMs, lossPercent, value, reorderPercent, bandwidthKbps);
    }

    public LinkConditions withReorderPercent(double value) {
        return new LinkConditions(latencyMs, jitterMs, lossPercent, duplicatePercent, value, bandwidthKbps);
    }

    public LinkConditions withBandwidthKbps(int value) {
        return new LinkConditions(latencyMs, jitterMs, lossPercent, duplicatePercent, reorderPercent, value);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
