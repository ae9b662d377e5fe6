package dev.netcode.webrtc.sctp.internal;

import java.nio.ByteBuffer;

/**
 * DATA chunk, RFC 9260 §3.3.1: one fragment of one user message.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Type = 0    |  Res  |I|U|B|E|            Length             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                              TSN                              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      Stream Identifier S      |   Stream Sequence Number n    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  Payload Protocol Identifier                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * \                                                               \
 * /                 User Data (seq n of Stream S)                 /
 * \                                                               \
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * U = unordered, B = first fragment, E = last fragment, I = SACK immediately (RFC 7053).
 * Fragments of one message occupy consecutive TSNs; that is the only thing that ties them together.
 *
 * @param payload the user data; its position..limit is written, it is not consumed
 */
public record DataChunk(int flags, int tsn, int streamId, int ssn, int ppid, ByteBuffer payload) implements Chunk {
    public static final int FLAG_END = 0x01;
    public static final int FLAG_BEGIN = 0x02;
    public static final int FLAG_UNORDERED = 0x04;
    public static final int FLAG_IMMEDIATE = 0x08;
    /** Bytes of a DATA chunk before the user data. */
    public static final int HEADER_BYTES = 16;

    public boolean begin() {
        return (flags & FLAG_BEGIN) != 0;
    }

    public boolean end() {
        return (flags & FLAG_END) != 0;
    }

    public boolean unordered() {
        return (flags & FLAG_UNORDERED) != 0;
    }

    @Override
    public int type() {
        return DATA;
    }

    @Override
    public int valueLengthBytes() {
        return 12 + payload.remaining();
    }

    @Override
    public void writeValue(ByteBuffer out) {
        out.putInt(tsn);
        out.putShort((short) streamId);
        out.putShort((short) ssn);
        out.putInt(ppid);
        out.put(payload.duplicate());
    }

    static DataChunk decode(int flags, ByteBuffer value) {
        Codec.require(value, 12, "DATA");
        int tsn = value.getInt();
        int streamId = Codec.u16(value);
        int ssn = Codec.u16(value);
        int ppid = value.getInt();
        // Copy: the packet buffer belongs to the layer below and is reused after handlePacket.
        byte[] data = Codec.bytes(value, value.remaining());
        return new DataChunk(flags & 0x0F, tsn, streamId, ssn, ppid, ByteBuffer.wrap(data));
    }
}
