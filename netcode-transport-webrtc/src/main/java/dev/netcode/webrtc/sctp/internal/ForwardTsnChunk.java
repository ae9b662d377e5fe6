package dev.netcode.webrtc.sctp.internal;

import dev.netcode.webrtc.sctp.SctpParseException;
import java.nio.ByteBuffer;

/**
 * FORWARD TSN, RFC 3758 §3.2: tells the receiver to move its cumulative TSN forward past
 * abandoned messages (PR-SCTP), and for ordered streams to skip the listed sequence numbers.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Type = 192  |  Flags = 0x00 |        Length = Variable      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      New Cumulative TSN                       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Stream-1              |       Stream Sequence-1       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * \                                                               /
 * /                              ...                              \
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param streams stream ids, same length as {@code ssns}: the largest skipped SSN per stream
 */
public record ForwardTsnChunk(int newCumulativeTsn, int[] streams, int[] ssns) implements Chunk {
    @Override
    public int type() {
        return FORWARD_TSN;
    }

    @Override
    public int valueLengthBytes() {
        return 4 + 4 * streams.length;
    }

    @Override
    public void writeValue(ByteBuffer out) {
        out.putInt(newCumulativeTsn);
        for (int i = 0; i < streams.length; i++) {
            out.putShort((short) streams[i]);
            out.putShort((short) ssns[i]);
        }
    }

    static ForwardTsnChunk decode(ByteBuffer value) {
        Codec.require(value, 4, "FORWARD TSN");
        int cum = value.getInt();
        if (value.remaining() % 4 != 0) {
            throw new SctpParseException("FORWARD TSN: stream list of " + value.remaining() + " bytes");
        }
        int n = value.remaining() / 4;
        int[] streams = new int[n];
        int[] ssns = new int[n];
        for (int i = 0; i < n; i++) {
            streams[i] = Codec.u16(value);
            ssns[i] = Codec.u16(value);
        }
        return new ForwardTsnChunk(cum, streams, ssns);
    }
}
