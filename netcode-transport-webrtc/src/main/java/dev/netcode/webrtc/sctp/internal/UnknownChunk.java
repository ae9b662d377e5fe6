package dev.netcode.webrtc.sctp.internal;

import java.nio.ByteBuffer;

/**
 * A chunk type this implementation does not process (ECNE, CWR, AUTH, ASCONF, I-DATA, PAD...).
 * RFC 9260 §3.2: the two high bits of the type say whether to stop processing the packet and
 * whether to report it in an ERROR chunk.
 */
public record UnknownChunk(int type, int flags, byte[] value) implements Chunk {
    /** Bits 00 and 01: stop processing this packet. */
    public boolean stopProcessing() {
        return (type & 0x80) == 0;
    }

    /** Bits 01 and 11: report with an "Unrecognized Chunk Type" cause. */
    public boolean report() {
        return (type & 0x40) != 0;
    }

    @Override
    public int valueLengthBytes() {
        return value.length;
    }

    @Override
    public void writeValue(ByteBuffer out) {
        out.put(value);
    }
}
