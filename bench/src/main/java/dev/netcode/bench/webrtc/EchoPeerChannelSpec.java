package dev.netcode.bench.webrtc;

import dev.netcode.webrtc.datachannel.DataChannelParameters;

/**
 * One {@code --channel} of {@code echo-peer dial}: {@code LABEL[:ordered|:unordered][:rexmit=N|:lifetime=MS]}.
 * Without options the channel is reliable and ordered, as in browsers.
 *
 * <pre>{@code
 * EchoPeerChannelSpec.parse("chat");                      // reliable, ordered
 * EchoPeerChannelSpec.parse("inputs:unordered:rexmit=0"); // unreliable, unordered
 * EchoPeerChannelSpec.parse("state:lifetime=100");        // ordered, messages expire after 100 ms
 * }</pre>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>{@code rexmit} and {@code lifetime} exclude each other (W3C {@code createDataChannel}).</li>
 *   <li>The label may not contain {@code ':'}.</li>
 * </ul>
 */
public record EchoPeerChannelSpec(String label, boolean ordered, Integer maxRetransmits, Integer maxPacketLifeTimeMs) {

    /** The default channel: {@code echo}, reliable and ordered. */
    public static final EchoPeerChannelSpec DEFAULT = new EchoPeerChannelSpec("echo", true, null, null);

    public EchoPeerChannelSpec {
        if (label == null || label.isEmpty()) {
            throw new IllegalArgumentException("a channel needs a label");
        }
        if (maxRetransmits != null && maxPacketLifeTimeMs != null) {
            throw new IllegalArgumentException("channel '" + label + "': rexmit and lifetime exclude each other");
        }
    }

    /** Parses {@code LABEL[:ordered|:unordered][:rexmit=N|:lifetime=MS]}. */
    public static EchoPeerChannelSpec parse(String spec) {
        String[] parts = spec.split(":", -1);
        String label = parts[0];
        boolean ordered = true;
        Integer rexmit = null;
        Integer lifetime = null;
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i];
            if (p.equals("ordered")) {
                ordered = true;
            } else if (p.equals("unordered")) {
                ordered = false;
            } else if (p.startsWith("rexmit=")) {
                rexmit = number(spec, p.substring("rexmit=".length()));
            } else if (p.startsWith("lifetime=")) {
                lifetime = number(spec, p.substring("lifetime=".length()));
            } else {
                throw new IllegalArgumentException("channel '" + spec + "': unknown option '" + p
                        + "' (expected ordered, unordered, rexmit=N or lifetime=MS)");
            }
        }
        return new EchoPeerChannelSpec(label, ordered, rexmit, lifetime);
    }

    private static int number(String spec, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n < 0 || n > 0xFFFF) {
                throw new IllegalArgumentException("channel '" + spec + "': " + n + " is outside 0..65535");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("channel '" + spec + "': '" + value + "' is not a number", e);
        }
    }

    /** Every message must come back: no retransmission or lifetime limit. */
    public boolean reliable() {
        return maxRetransmits == null && maxPacketLifeTimeMs == null;
    }

    public DataChannelParameters parameters() {
        return DataChannelParameters.builder().ordered(ordered).maxRetransmits(maxRetransmits)
                .maxPacketLifeTimeMs(maxPacketLifeTimeMs).build();
    }
}
