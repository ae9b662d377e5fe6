package dev.netcode.webrtc.sctp.internal;

import java.nio.ByteBuffer;

/**
 * One user message on its way out: the bytes not yet cut into DATA chunks, and its PR-SCTP policy.
 * Shared by all chunks cut from it so that abandoning one fragment abandons the whole message
 * (RFC 3758 §3.5 A2: partial messages are useless to the receiver).
 */
public final class OutboundMessage {
    final int streamId;
    final int ppid;
    final boolean ordered;
    /** Remaining bytes to fragment (position advances as chunks are cut). */
    final ByteBuffer payload;
    final int sizeBytes;
    /** -1 = unlimited. */
    final int maxRetransmits;
    /** Long.MAX_VALUE = never expires. */
    final long expiresAtNanos;
    /** Assigned when the first fragment is cut (ordered messages only). */
    int ssn = -1;
    boolean abandoned;
    /** User data counts in the stream's bufferedAmount; control messages (DCEP) do not, as in browsers. */
    boolean userData = true;

    OutboundMessage(int streamId, int ppid, boolean ordered, ByteBuffer payload, int maxRetransmits,
            long expiresAtNanos) {
        this.streamId = streamId;
        this.ppid = ppid;
        this.ordered = ordered;
        this.payload = payload;
        this.sizeBytes = payload.remaining();
        this.maxRetransmits = maxRetransmits;
        this.expiresAtNanos = expiresAtNanos;
    }

    /**
     * @param payload owned by the message from now on
     * @param maxRetransmits -1 for unlimited
     * @param expiresAtNanos Long.MAX_VALUE for no lifetime
     */
    public static OutboundMessage create(int streamId, int ppid, boolean ordered, ByteBuffer payload,
            int maxRetransmits, long expiresAtNanos) {
        return new OutboundMessage(streamId, ppid, ordered, payload, maxRetransmits, expiresAtNanos);
    }

    /** Like {@link #create}, for a control message that is not counted in {@code bufferedAmount}. */
    public static OutboundMessage createControl(int streamId, int ppid, boolean ordered, ByteBuffer payload,
            int maxRetransmits, long expiresAtNanos) {
        OutboundMessage m = new OutboundMessage(streamId, ppid, ordered, payload, maxRetransmits, expiresAtNanos);
        m.userData = false;
        return m;
    }

    boolean started() {
        return payload.position() > 0;
    }

    boolean expired(long nowNanos) {
        return expiresAtNanos != Long.MAX_VALUE && nowNanos - expiresAtNanos >= 0;
    }
}
