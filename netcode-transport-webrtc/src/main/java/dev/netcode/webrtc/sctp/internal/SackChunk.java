package dev.netcode.webrtc.sctp.internal;

import dev.netcode.webrtc.sctp.SctpParseException;
import java.nio.ByteBuffer;

/**
 * Selective Acknowledgement, RFC 9260 §3.3.4.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Type = 3    |Chunk  Flags   |         Chunk Length          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      Cumulative TSN Ack                       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Advertised Receiver Window Credit (a_rwnd)           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Number of Gap Ack Blocks = N  |  Number of Duplicate TSNs = M |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |    Gap Ack Block #1 Start     |     Gap Ack Block #1 End      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * /                              ...                              /
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                       Duplicate TSN 1                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * /                              ...                              /
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * Gap block offsets are relative to the cumulative TSN ack: block {@code [s, e]} acknowledges TSNs
 * {@code cum+s .. cum+e}.
 *
 * @param gapStarts start offsets (1..65535), same length as {@code gapEnds}
 * @param duplicateTsns TSNs received more than once since the previous SACK
 */
public record SackChunk(int cumulativeTsnAck, long aRwnd, int[] gapStarts, int[] gapEnds, int[] duplicateTsns)
        implements Chunk {

    @Override
    public int type() {
        return SACK;
    }

    @Override
    public int valueLengthBytes() {
        return 12 + 4 * gapStarts.length + 4 * duplicateTsns.length;
    }

    @Override
    public void writeValue(ByteBuffer out) {
        out.putInt(cumulativeTsnAck);
        out.putInt((int) aRwnd);
        out.putShort((short) gapStarts.length);
        out.putShort((short) duplicateTsns.length);
        for (int i = 0; i < gapStarts.length; i++) {
            out.putShort((short) gapStarts[i]);
            out.putShort((short) gapEnds[i]);
        }
        for (int tsn : duplicateTsns) {
            out.putInt(tsn);
        }
    }

    static SackChunk decode(ByteBuffer value) {
        Codec.require(value, 12, "SACK");
        int cum = value.getInt();
        long aRwnd = Codec.u32(value);
        int gaps = Codec.u16(value);
        int dups = Codec.u16(value);
        if (value.remaining() != 4 * gaps + 4 * dups) {
            throw new SctpParseException("SACK: " + gaps + " gap blocks and " + dups + " duplicates do not fit "
                    + value.remaining() + " bytes");
        }
        int[] starts = new int[gaps];
        int[] ends = new int[gaps];
        for (int i = 0; i < gaps; i++) {
            starts[i] = Codec.u16(value);
            ends[i] = Codec.u16(value);
            if (starts[i] == 0 || ends[i] < starts[i]) {
                throw new SctpParseException("SACK: invalid gap block [" + starts[i] + ", " + ends[i] + "]");
            }
        }
        int[] dupTsns = new int[dups];
        for (int i = 0; i < dups; i++) {
            dupTsns[i] = value.getInt();
        }
        return new SackChunk(cum, aRwnd, starts, ends, dupTsns);
    }
}
