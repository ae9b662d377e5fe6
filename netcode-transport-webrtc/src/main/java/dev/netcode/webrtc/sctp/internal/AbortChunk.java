package dev.netcode.webrtc.sctp.internal;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * ABORT, RFC 9260 §3.3.7: closes the association at once; queued and unacknowledged data is lost.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Type = 6    |  Reserved   |T|            Length             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * \                                                               \
 * /                   zero or more Error Causes                   /
 * \                                                               \
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * T set: the packet's verification tag is the sender's own tag ("reflected"), used when the sender
 * has no TCB; T clear: it is the receiver's tag.
 */
public record AbortChunk(boolean reflectedTag, List<ErrorCause> causes) implements Chunk {
    @Override
    public int type() {
        return ABORT;
    }

    @Override
    public int flags() {
        return reflectedTag ? 1 : 0;
    }

    @Override
    public int valueLengthBytes() {
        return Causes.length(causes);
    }

    @Override
    public void writeValue(ByteBuffer out) {
        Causes.write(out, causes);
    }

    static AbortChunk decode(int flags, ByteBuffer value) {
        return new AbortChunk((flags & 1) != 0, Causes.read(value, "ABORT"));
    }
}
