package dev.netcode.webrtc.sctp.internal;

import java.nio.ByteBuffer;

/**
 * SHUTDOWN COMPLETE, RFC 9260 §3.3.13: last chunk of a graceful close.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Type = 14   |  Reserved   |T|          Length = 4           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record ShutdownCompleteChunk(boolean reflectedTag) implements Chunk {
    @Override
    public int type() {
        return SHUTDOWN_COMPLETE;
    }

    @Override
    public int flags() {
        return reflectedTag ? 1 : 0;
    }

    @Override
    public int valueLengthBytes() {
        return 0;
    }

    @Override
    public void writeValue(ByteBuffer out) {
    }
}
