package dev.netcode.webrtc.sctp.internal;

import dev.netcode.webrtc.sctp.SctpParseException;
import java.nio.ByteBuffer;

/**
 * COOKIE ECHO, RFC 9260 §3.3.11: returns the state cookie of the INIT ACK verbatim.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Type = 10   |Chunk  Flags   |            Length             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * /                            Cookie                             /
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record CookieEchoChunk(byte[] cookie) implements Chunk {
    @Override
    public int type() {
        return COOKIE_ECHO;
    }

    @Override
    public int valueLengthBytes() {
        return cookie.length;
    }

    @Override
    public void writeValue(ByteBuffer out) {
        out.put(cookie);
    }

    static CookieEchoChunk decode(ByteBuffer value) {
        if (value.remaining() > InitChunk.MAX_COOKIE_BYTES) {
            throw new SctpParseException("COOKIE ECHO: cookie of " + value.remaining() + " bytes");
        }
        return new CookieEchoChunk(Codec.bytes(value, value.remaining()));
    }
}
