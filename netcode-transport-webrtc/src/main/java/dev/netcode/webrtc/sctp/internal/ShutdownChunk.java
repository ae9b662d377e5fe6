package dev.netcode.webrtc.sctp.internal;

import dev.netcode.webrtc.sctp.SctpParseException;
import java.nio.ByteBuffer;

/**
 * SHUTDOWN, RFC 9260 §3.3.8: starts a graceful close; also acknowledges data cumulatively.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Type = 7    | Chunk  Flags  |          Length = 8           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      Cumulative TSN Ack                       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record ShutdownChunk(int cumulativeTsnAck) implements Chunk {
    @Override
    public int type() {
        return SHUTDOWN;
    }

    @Override
    public int valueLengthBytes() {
        return 4;
    }

    @Override
    public void writeValue(ByteBuffer out) {
        out.putInt(cumulativeTsnAck);
    }

    static ShutdownChunk decode(ByteBuffer value) {
        if (value.remaining() != 4) {
            throw new SctpParseException("SHUTDOWN: length " + (4 + value.remaining()) + " != 8");
        }
        return new ShutdownChunk(value.getInt());
    }
}
