package dev.netcode.webrtc.datachannel;

import java.util.Objects;

/**
 * How a data channel is configured, after W3C {@code RTCDataChannelInit}: ordering, an optional
 * reliability limit, subprotocol, pre-negotiation with a fixed stream id, and priority.
 * Validated on construction with the W3C {@code createDataChannel} rules, so a bad combination is
 * an {@link IllegalArgumentException} (W3C's TypeError) at the call, not a surprise on the wire.
 *
 * <pre>{@code
 * DataChannelParameters inputs = DataChannelParameters.builder().ordered(false).maxRetransmits(0).build();
 * DataChannelOpen open = inputs.toOpen("inputs");          // what DCEP sends
 * DataChannelParameters remote = DataChannelParameters.fromOpen(receivedOpen);
 * }</pre>
 *
 * <h2>Rules (W3C WebRTC createDataChannel)</h2>
 * <ul>
 *   <li>{@code maxRetransmits} and {@code maxPacketLifeTimeMs} are 0..65535 and not both set.</li>
 *   <li>{@code negotiated} needs an {@code id}; ids are 0..65534 (65535 is reserved, RFC 8831
 *       §6.5).</li>
 *   <li>{@code protocol} (and the label) are at most 65535 UTF-8 bytes (the DCEP length field).</li>
 * </ul>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>As in W3C, {@code id} is ignored unless {@code negotiated}: announced channels get an id
 *       from {@link StreamIdAllocator} by DTLS role.</li>
 *   <li>{@code maxRetransmits(0)} with {@code ordered(false)} is the classic "UDP-like" game
 *       channel; {@code ordered(true)} with a limit still delivers in order, so a lost message
 *       stalls later ones until it is abandoned.</li>
 *   <li>A peer may announce limits above 65535 (the wire field is 32-bit); {@link #fromOpen}
 *       clamps them to 65535 as W3C's unsigned short attributes would.</li>
 * </ul>
 */
public final class DataChannelParameters {
    /** Largest stream id a data channel may use (RFC 8831 §6: 65535 is reserved). */
    public static final int MAX_STREAM_ID = 65534;
    /** W3C's unsigned short limits. */
    public static final int MAX_LIMIT = 0xffff;
    /** Reliable, ordered, low priority, not negotiated: W3C's defaults. */
    public static final DataChannelParameters DEFAULT = builder().build();

    private final boolean ordered;
    private final Integer maxRetransmits;
    private final Integer maxPacketLifeTimeMs;
    private final String protocol;
    private final boolean negotiated;
    private final Integer id;
    private final DataChannelPriority priority;

    private DataChannelParameters(Builder b) {
        if (b.maxRetransmits != null && b.maxPacketLifeTimeMs != null) {
            throw new IllegalArgumentException("maxRetransmits and maxPacketLifeTime cannot both be set");
        }
        checkLimit("maxRetransmits", b.maxRetransmits);
        checkLimit("maxPacketLifeTime", b.maxPacketLifeTimeMs);
        Objects.requireNonNull(b.protocol, "protocol");
        DataChannelOpen.checkUtf8Length("protocol", b.protocol);
        if (b.negotiated && b.id == null) {
            throw new IllegalArgumentException("a negotiated channel needs an id");
        }
        if (b.negotiated && (b.id < 0 || b.id > MAX_STREAM_ID)) {
            throw new IllegalArgumentException("id must be 0.." + MAX_STREAM_ID + ", got " + b.id);
        }
        this.ordered = b.ordered;
        this.maxRetransmits = b.maxRetransmits;
        this.maxPacketLifeTimeMs = b.maxPacketLifeTimeMs;
        this.protocol = b.protocol;
        this.negotiated = b.negotiated;
        this.id = b.negotiated ? b.id : null;
        this.priority = Objects.requireNonNull(b.priority, "priority");
    }

    private static void checkLimit(String name, Integer value) {
        if (value != null && (value < 0 || value > MAX_LIMIT)) {
            throw new IllegalArgumentException(name + " must be 0.." + MAX_LIMIT + ", got " + value);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The parameters a peer announced in {@code open}: not negotiated, limits clamped to 65535,
     * priority mapped by {@link DataChannelPriority#fromWire}.
     */
    public static DataChannelParameters fromOpen(DataChannelOpen open) {
        Builder b = builder().ordered(open.isOrdered()).protocol(open.protocol())
                .priority(DataChannelPriority.fromWire(open.priority()));
        int limit = (int) Math.min(open.reliabilityParameter(), MAX_LIMIT);
        if (open.channelType().isRetransmitLimited()) {
            b.maxRetransmits(limit);
        } else if (open.channelType().isTimeLimited()) {
            b.maxPacketLifeTimeMs(limit);
        }
        return b.build();
    }

    /** The DATA_CHANNEL_OPEN announcing a channel with these parameters and {@code label}. */
    public DataChannelOpen toOpen(String label) {
        Objects.requireNonNull(label, "label");
        long reliability = maxRetransmits != null ? maxRetransmits : maxPacketLifeTimeMs != null ? maxPacketLifeTimeMs : 0;
        return new DataChannelOpen(channelType(), priority.wireValue(), reliability, label, protocol);
    }

    /** Checks a label against the DCEP length limit (W3C: TypeError above 65535 bytes). */
    public static void checkLabel(String label) {
        DataChannelOpen.checkUtf8Length("label", Objects.requireNonNull(label, "label"));
    }

    public DataChannelType channelType() {
        return DataChannelType.of(ordered, maxRetransmits != null, maxPacketLifeTimeMs != null);
    }

    public boolean ordered() {
        return ordered;
    }

    /** Fully reliable: neither limit set. */
    public boolean reliable() {
        return maxRetransmits == null && maxPacketLifeTimeMs == null;
    }

    /** W3C {@code maxRetransmits}, or null. */
    public Integer maxRetransmits() {
        return maxRetransmits;
    }

    /** W3C {@code maxPacketLifeTime} in milliseconds, or null. */
    public Integer maxPacketLifeTimeMs() {
        return maxPacketLifeTimeMs;
    }

    public String protocol() {
        return protocol;
    }

    public boolean negotiated() {
        return negotiated;
    }

    /** The pre-agreed stream id of a negotiated channel, else null. */
    public Integer id() {
        return id;
    }

    public DataChannelPriority priority() {
        return priority;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataChannelParameters p && p.ordered == ordered && p.negotiated == negotiated
                && Objects.equals(p.maxRetransmits, maxRetransmits)
                && Objects.equals(p.maxPacketLifeTimeMs, maxPacketLifeTimeMs) && p.protocol.equals(protocol)
                && Objects.equals(p.id, id) && p.priority == priority;
    }

    @Override
    public int hashCode() {
        return Objects.hash(ordered, maxRetransmits, maxPacketLifeTimeMs, protocol, negotiated, id, priority);
    }

    @Override
    public String toString() {
        return "DataChannelParameters{ordered=" + ordered + ", maxRetransmits=" + maxRetransmits
                + ", maxPacketLifeTimeMs=" + maxPacketLifeTimeMs + ", protocol='" + protocol + "', negotiated="
                + negotiated + ", id=" + id + ", priority=" + priority + '}';
    }

    /** Builder with W3C defaults: ordered, reliable, "" protocol, not negotiated, low priority. */
    public static final class Builder {
        private boolean ordered = true;
        private Integer maxRetransmits;
        private Integer maxPacketLifeTimeMs;
        private String protocol = "";
        private boolean negotiated;
        private Integer id;
        private DataChannelPriority priority = DataChannelPriority.LOW;

        private Builder() {
        }

        public Builder ordered(boolean ordered) {
            this.ordered = ordered;
            return this;
        }

        /** Give up on a message after this many retransmissions (PR-SCTP, RFC 3758); null for no limit. */
        public Builder maxRetransmits(Integer maxRetransmits) {
            this.maxRetransmits = maxRetransmits;
            return this;
        }

        /** Give up on a message this many ms after its first send; null for no limit. */
        public Builder maxPacketLifeTimeMs(Integer maxPacketLifeTimeMs) {
            this.maxPacketLifeTimeMs = maxPacketLifeTimeMs;
            return this;
        }

        public Builder protocol(String protocol) {
            this.protocol = protocol;
            return this;
        }

        /** Both sides create the channel themselves with the same {@link #id}; no DCEP is sent. */
        public Builder negotiated(boolean negotiated) {
            this.negotiated = negotiated;
            return this;
        }

        public Builder id(Integer id) {
            this.id = id;
            return this;
        }

        public Builder priority(DataChannelPriority priority) {
            this.priority = priority;
            return this;
        }

        public DataChannelParameters build() {
            return new DataChannelParameters(this);
        }
    }
}
