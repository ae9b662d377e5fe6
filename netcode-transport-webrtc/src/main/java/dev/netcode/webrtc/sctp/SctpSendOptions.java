package dev.netcode.webrtc.sctp;

/**
 * Delivery options of one message: ordered or not, and its PR-SCTP policy (RFC 3758) — at most one
 * of a retransmission limit or a lifetime, as WebRTC's {@code maxRetransmits} and
 * {@code maxPacketLifeTime}.
 *
 * @param ordered deliver in send order within the stream
 * @param maxRetransmits {@code -1} for unlimited (reliable), else retransmissions allowed (0 = send once)
 * @param lifetimeMs {@code -1} for unlimited, else the message is abandoned this long after {@code send()}
 */
public record SctpSendOptions(boolean ordered, int maxRetransmits, int lifetimeMs) {
    /** Reliable and ordered (TCP-like). */
    public static final SctpSendOptions RELIABLE_ORDERED = new SctpSendOptions(true, -1, -1);
    /** Reliable, delivered as soon as complete. */
    public static final SctpSendOptions RELIABLE_UNORDERED = new SctpSendOptions(false, -1, -1);

    public SctpSendOptions {
        if (maxRetransmits < -1 || lifetimeMs < -1) {
            throw new IllegalArgumentException("maxRetransmits and lifetimeMs must be >= -1");
        }
        if (maxRetransmits >= 0 && lifetimeMs >= 0) {
            throw new IllegalArgumentException("set maxRetransmits or lifetimeMs, not both");
        }
    }

    /** Partially reliable: at most {@code n} retransmissions. */
    public static SctpSendOptions maxRetransmits(boolean ordered, int n) {
        return new SctpSendOptions(ordered, n, -1);
    }

    /** Partially reliable: abandoned {@code ms} after {@code send()}. */
    public static SctpSendOptions lifetime(boolean ordered, int ms) {
        return new SctpSendOptions(ordered, -1, ms);
    }

    /** True when neither limit is set. */
    public boolean reliable() {
        return maxRetransmits < 0 && lifetimeMs < 0;
    }
}
