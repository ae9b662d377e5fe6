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
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Not a value object: the steady-state paths reuse one instance per tracker or decoder
 *       ({@link #setCumulativeOnly}), so never keep a SACK past the packet that carried it.</li>
 *   <li>{@code gapStarts} (offsets 1..65535) and {@code gapEnds} have the same length;
 *       {@code duplicateTsns} are TSNs received more than once since the previous SACK.</li>
 * </ul>
 */
public final class SackChunk implements Chunk {
    /** Shared by every SACK without gap blocks or duplicates (arrays are never written through). */
    public static final int[] NONE = new int[0];

    private int cumulativeTsnAck;
    private long aRwnd;
    private int[] gapStarts;
    private int[] gapEnds;
    private int[] duplicateTsns;

    public SackChunk(int cumulativeTsnAck, long aRwnd, int[] gapStarts, int[] gapEnds, int[] duplicateTsns) {
        this.cumulativeTsnAck = cumulativeTsnAck;
        this.aRwnd = aRwnd;
        this.gapStarts = gapStarts;
        this.gapEnds = gapEnds;
        this.duplicateTsns = duplicateTsns;
    }

    /** A reusable SACK for the allocation-free paths; see {@link #setCumulativeOnly}. */
    public static SackChunk scratch() {
        return new SackChunk(0, 0, NONE, NONE, NONE);
    }

    /**
     * Turns this instance into a SACK without gap blocks or duplicates. Only for an instance its
     * owner reuses (a decoder's or builder's scratch) and that nobody keeps past the current
     * packet: a SACK is consumed (encoded or processed) at once.
     */
    public SackChunk setCumulativeOnly(int cumulativeTsn, long aRwndBytes) {
        this.cumulativeTsnAck = cumulativeTsn;
        this.aRwnd = aRwndBytes;
        this.gapStarts = NONE;
        this.gapEnds = NONE;
        this.duplicateTsns = NONE;
        return this;
    }

    public int cumulativeTsnAck() {
        return cumulativeTsnAck;
    }

    public long aRwnd() {
        return aRwnd;
    }

    public int[] gapStarts() {
        return gapStarts;
    }

    public int[] gapEnds() {
        return gapEnds;
    }

    public int[] duplicateTsns() {
        return duplicateTsns;
    }

    @Override
    public String toString() {
        return "SackChunk[cumulativeTsnAck=" + cumulativeTsnAck + ", aRwnd=" + aRwnd + ", gaps=" + gapStarts.length
                + ", duplicates=" + duplicateTsns.length + "]";
    }

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
        int[] starts = gaps == 0 ? NONE : new int[gaps];
        int[] ends = gaps == 0 ? NONE : new int[gaps];
        for (int i = 0; i < gaps; i++) {
            starts[i] = Codec.u16(value);
            ends[i] = Codec.u16(value);
            if (starts[i] == 0 || ends[i] < starts[i]) {
                throw new SctpParseException("SACK: invalid gap block [" + starts[i] + ", " + ends[i] + "]");
            }
        }
        int[] dupTsns = dups == 0 ? NONE : new int[dups];
        for (int i = 0; i < dups; i++) {
            dupTsns[i] = value.getInt();
        }
        return new SackChunk(cum, aRwnd, starts, ends, dupTsns);
    }
}
