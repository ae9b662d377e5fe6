package dev.netcode.core.snapshot.internal;

import dev.netcode.core.snapshot.BitReader;
import dev.netcode.core.snapshot.BitWriter;
import dev.netcode.core.snapshot.SnapshotFormatException;

/**
 * The small variable-length codes of the snapshot format, shared by encoder and decoder so the two
 * cannot drift apart.
 *
 * <h2>Entity id gaps</h2>
 * Ids in a packet ascend; each is sent as the gap {@code id - previous - 1} (previous starts at -1):
 * <pre>
 *   1                     gap 0 (the next id)
 *   01  + 3 bits          gap 1 .. 8
 *   001 + 7 bits          gap 9 .. 136
 *   000 + idBits bits     the id itself
 * </pre>
 *
 * <h2>Changed slots (relative encoding)</h2>
 * A slot of width {@code b <= 5} is sent as is. Wider slots send {@code z = zigzag(new - old)}:
 * <pre>
 *   0   + 4 bits          z in 0 .. 15
 *   10  + 7 bits          z in 16 .. 143
 *   11  + b bits          the new value itself              (b &lt; 12)
 *   110 + 10 bits         z in 144 .. 1167                  (b &gt;= 12)
 *   111 + b bits          the new value itself              (b &gt;= 12)
 * </pre>
 * Small moves of a quantized position (a few steps per snapshot) cost 5 bits instead of 16 or more;
 * this is the "relative" idea of Gaffer on Games' Snapshot Compression.
 */
public final class WireCodes {
    public static final int SEQUENCE_BITS = 16;
    public static final int SEQUENCE_MASK = (1 << SEQUENCE_BITS) - 1;
    private static final int SMALL_SLOT_BITS = 5;

    private WireCodes() {
    }

    /** Worst-case bits of {@link #writeIdGap}. */
    public static int maxIdBits(int idBits) {
        return 3 + idBits;
    }

    public static int idGapBits(int previousId, int id) {
        int gap = id - previousId - 1;
        if (gap == 0) {
            return 1;
        }
        if (gap <= 8) {
            return 5;
        }
        if (gap <= 136) {
            return 10;
        }
        return -1;
    }

    public static void writeIdGap(BitWriter w, int previousId, int id, int idBits) {
        int gap = id - previousId - 1;
        if (gap == 0) {
            w.writeBits(1, 1);
        } else if (gap <= 8) {
            w.writeBits(0b01, 2);
            w.writeBits(gap - 1, 3);
        } else if (gap <= 136) {
            w.writeBits(0b001, 3);
            w.writeBits(gap - 9, 7);
        } else {
            w.writeBits(0, 3);
            w.writeBits(id, idBits);
        }
    }

    /** Reads the next id; it must be above {@code previousId} and below {@code 2^idBits}. */
    public static int readIdGap(BitReader r, int previousId, int idBits) {
        int id;
        if (r.readBool()) {
            id = previousId + 1;
        } else if (r.readBool()) {
            id = previousId + 2 + r.readBits(3);
        } else if (r.readBool()) {
            id = previousId + 10 + r.readBits(7);
        } else {
            id = r.readBits(idBits);
        }
        if (id <= previousId || id >= (1 << idBits)) {
            throw new SnapshotFormatException("entity id " + id + " not ascending or over 2^" + idBits);
        }
        return id;
    }

    /** Slots at least this wide get the third, 10-bit tier; narrower ones would not save by it. */
    private static final int WIDE_SLOT_BITS = 12;
    private static final long TIER1 = 16;
    private static final long TIER2 = TIER1 + 128;
    private static final long TIER3 = TIER2 + 1024;

    public static int slotDeltaBits(int oldValue, int newValue, int bits) {
        if (bits <= SMALL_SLOT_BITS) {
            return bits;
        }
        long z = BitWriter.zigzag((long) newValue - oldValue);
        if (z < TIER1) {
            return 5;
        }
        if (z < TIER2) {
            return 9;
        }
        if (bits < WIDE_SLOT_BITS) {
            return 2 + bits;
        }
        return z < TIER3 ? 13 : 3 + bits;
    }

    public static void writeSlotDelta(BitWriter w, int oldValue, int newValue, int bits) {
        if (bits <= SMALL_SLOT_BITS) {
            w.writeBits(newValue, bits);
            return;
        }
        long z = BitWriter.zigzag((long) newValue - oldValue);
        if (z < TIER1) {
            w.writeBits((int) z, 5);
        } else if (z < TIER2) {
            w.writeBits(0b10, 2);
            w.writeBits((int) (z - TIER1), 7);
        } else if (bits < WIDE_SLOT_BITS) {
            w.writeBits(0b11, 2);
            w.writeBits(newValue, bits);
        } else if (z < TIER3) {
            w.writeBits(0b110, 3);
            w.writeBits((int) (z - TIER2), 10);
        } else {
            w.writeBits(0b111, 3);
            w.writeBits(newValue, bits);
        }
    }

    /** Reads a slot written by {@link #writeSlotDelta}; a result outside {@code [0, 2^bits)} is a format error. */
    public static int readSlotDelta(BitReader r, int oldValue, int bits) {
        if (bits <= SMALL_SLOT_BITS) {
            return r.readBits(bits);
        }
        long z;
        if (!r.readBool()) {
            z = r.readBits(4);
        } else if (!r.readBool()) {
            z = TIER1 + r.readBits(7);
        } else if (bits < WIDE_SLOT_BITS || r.readBool()) {
            return r.readBits(bits);
        } else {
            z = TIER2 + r.readBits(10);
        }
        long value = oldValue + BitWriter.unzigzag(z);
        if (value < 0 || value >= (1L << bits)) {
            throw new SnapshotFormatException("slot delta leaves the " + bits + "-bit range: " + value);
        }
        return (int) value;
    }

    /** Sequence distance {@code a - b} modulo 2^16 in {@code [-32768, 32767]}: positive when a is newer. */
    public static int sequenceDelta(int a, int b) {
        return (short) ((a - b) & SEQUENCE_MASK);
    }
}
