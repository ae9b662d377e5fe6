package dev.netcode.webrtc.sctp.internal;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Operation Error, RFC 9260 §3.3.10: reports a non-fatal problem to the peer.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Type = 9    | Chunk  Flags  |            Length             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * \                                                               \
 * /                    one or more Error Causes                   /
 * \                                                               \
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record ErrorChunk(List<ErrorCause> causes) implements Chunk {
    @Override
    public int type() {
        return ERROR;
    }

    @Override
    public int valueLengthBytes() {
        return Causes.length(causes);
    }

    @Override
    public void writeValue(ByteBuffer out) {
        Causes.write(out, causes);
    }

    static ErrorChunk decode(ByteBuffer value) {
        return new ErrorChunk(Causes.read(value, "ERROR"));
    }
}
