package dev.netcode.webrtc.sctp.internal;

import java.nio.ByteBuffer;

/**
 * One SCTP chunk (RFC 9260 §3.2): a type-length-value unit inside a packet.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Chunk Type   |  Chunk Flags  |         Chunk Length          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * \                                                               \
 * /                          Chunk Value                          /
 * \                                                               \
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * The length covers header and value but not the trailing padding to a 4-byte boundary, which is
 * always written and tolerated when missing at the very end of a packet.
 */
public sealed interface Chunk
        permits DataChunk, InitChunk, SackChunk, HeartbeatChunk, AbortChunk, ShutdownChunk, ShutdownAckChunk,
        ErrorChunk, CookieEchoChunk, CookieAckChunk, ShutdownCompleteChunk, ForwardTsnChunk, ReconfigChunk,
        UnknownChunk {

    int DATA = 0;
    int INIT = 1;
    int INIT_ACK = 2;
    int SACK = 3;
    int HEARTBEAT = 4;
    int HEARTBEAT_ACK = 5;
    int ABORT = 6;
    int SHUTDOWN = 7;
    int SHUTDOWN_ACK = 8;
    int ERROR = 9;
    int COOKIE_ECHO = 10;
    int COOKIE_ACK = 11;
    int SHUTDOWN_COMPLETE = 14;
    int RE_CONFIG = 130;
    int FORWARD_TSN = 192;

    /** Chunk type byte (0..255). */
    int type();

    /** Chunk flags byte. */
    default int flags() {
        return 0;
    }

    /** Bytes of the value (without the 4-byte header and without trailing padding). */
    int valueLengthBytes();

    /** Writes the value only. */
    void writeValue(ByteBuffer out);

    /** The Chunk Length field: header plus value. */
    default int lengthBytes() {
        return 4 + valueLengthBytes();
    }

    /** Bytes this chunk occupies in a packet, padding included. */
    default int paddedLengthBytes() {
        return Codec.pad4(lengthBytes());
    }

    /** Writes header, value and padding. */
    default void encode(ByteBuffer out) {
        int length = lengthBytes();
        out.put((byte) type());
        out.put((byte) flags());
        out.putShort((short) length);
        writeValue(out);
        for (int i = length; i < Codec.pad4(length); i++) {
            out.put((byte) 0);
        }
    }
}
