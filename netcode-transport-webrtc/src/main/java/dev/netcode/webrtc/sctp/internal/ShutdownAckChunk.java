package dev.netcode.webrtc.sctp.internal;

import java.nio.ByteBuffer;

/**
 * SHUTDOWN ACK, RFC 9260 §3.3.9: the peer has delivered everything and agrees to close.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Type = 8    | Chunk  Flags  |          Length = 4           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record ShutdownAckChunk() implements Chunk {
    @Override
    public int type() {
        return SHUTDOWN_ACK;
    }

    @Override
    public int valueLengthBytes() {
        return 0;
    }

    @Override
    public void writeValue(ByteBuffer out) {
    }
}
