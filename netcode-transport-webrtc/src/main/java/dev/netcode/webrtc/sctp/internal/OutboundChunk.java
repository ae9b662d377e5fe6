package dev.netcode.webrtc.sctp.internal;

/**
 * A DATA chunk that has a TSN: sent at least once and not yet cumulatively acknowledged.
 * Mutable bookkeeping lives here so that retransmission needs no re-encoding decisions.
 */
public final class OutboundChunk {
    /** Sent and neither acked nor marked: counts in flight. */
    static final int IN_FLIGHT = 0;
    /** Acknowledged by a gap block (may still be reneged, so kept until cumulatively acked). */
    static final int GAP_ACKED = 1;
    /** To be sent again (T3 timeout or fast retransmit); not in flight. */
    static final int TO_RETRANSMIT = 2;
    /** Given up (PR-SCTP); covered by the next FORWARD TSN. */
    static final int ABANDONED = 3;

    final DataChunk chunk;
    final OutboundMessage message;
    final int payloadBytes;
    int state = IN_FLIGHT;
    int transmissions;
    long lastSentNanos;
    int missIndications;
    /** Order of the latest transmission among all transmissions of the association. */
    long sendSeq;
    /** Stands for the unsent rest of an abandoned message; never on the wire (see SendQueue). */
    boolean placeholder;

    OutboundChunk(DataChunk chunk, OutboundMessage message) {
        this.chunk = chunk;
        this.message = message;
        this.payloadBytes = chunk.payload().remaining();
    }

    /** The DATA chunk to encode (its payload is a view of the message; encoding does not consume it). */
    public DataChunk chunkForWire() {
        return chunk;
    }

    public boolean isPlaceholder() {
        return placeholder;
    }

    int tsn() {
        return chunk.tsn();
    }
}
