package dev.netcode.core.conditioner;

import java.util.Objects;

/**
 * Conditions for both directions of a link, seen from the side that is conditioned:
 * {@code up} applies to what it sends, {@code down} to what it receives.
 */
public record LinkProfile(String name, LinkConditions up, LinkConditions down) {
    public LinkProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(up, "up");
        Objects.requireNonNull(down, "down");
    }

    /** The same conditions both ways. */
    public static LinkProfile symmetric(String name, LinkConditions each) {
        return new LinkProfile(name, each, each);
    }

    /**
     * From round-trip figures as games quote them ("66 ms ping, 11 ms jitter, 3 % loss"): half the
     * latency and half the jitter each way, and the loss percentage on each direction.
     */
    public static LinkProfile fromRoundTrip(String name, double rttMs, double rttJitterMs, double lossPercent) {
        return symmetric(name, LinkConditions.of(rttMs / 2, rttJitterMs / 2, lossPercent));
    }
}
