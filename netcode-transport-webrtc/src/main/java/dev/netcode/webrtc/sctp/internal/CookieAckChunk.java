package dev.netcode.webrtc.sctp.internal;

import java.nio.ByteBuffer;

/**
 * COOKIE ACK, RFC 9260 §3.3.12: the cookie was accepted and the association is established.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Type = 11   |Chunk  Flags   |          Length = 4           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record CookieAckChunk() implements Chunk {
    @Override
    public int type() {
        return COOKIE_ACK;
    }

    @Override
    public int valueLengthBytes() {
        return 0;
    }

    @Override
    public void writeValue(ByteBuffer out) {
    }
}
