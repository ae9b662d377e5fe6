package dev.netcode.core.transport;

import dev.netcode.core.conditioner.ConditionedTransport;
import dev.netcode.core.conditioner.LinkPreset;
import dev.netcode.core.conditioner.LinkProfile;

/** One-line helpers around {@link Transport}s. */
public final class Transports {
    private Transports() {}

    /**
     * Wraps {@code transport} in a link conditioner with a named preset; the seed makes the random
     * loss, jitter and reordering repeatable. See {@link ConditionedTransport}.
     */
    public static ConditionedTransport conditioned(Transport transport, LinkPreset preset, long seed) {
        return new ConditionedTransport(transport, preset.profile(), seed);
    }

    /** Wraps {@code transport} in a link conditioner with custom per-direction conditions. */
    public static ConditionedTransport conditioned(Transport transport, LinkProfile profile, long seed) {
        return new ConditionedTransport(transport, profile, seed);
    }
}
