package dev.netcode.core.snapshot;

import java.util.Objects;

/**
 * Reads what a {@link BitWriter} wrote, in the same order and widths; see {@link BitWriter} for the
 * bit layout.
 *
 * <p>A flyweight: {@link #wrap(byte[], int, int) wrap} it around each received packet and reuse it.
 * Every read checks the remaining length first and throws {@link SnapshotFormatException} instead of
 * running off the array, so decoding hostile bytes fails in one typed way.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>The writer pads the last byte with zero bits, so a short read at the very end may succeed
 *       with zeros; formats that need to know where they end carry counts.</li>
 *   <li>{@link #readVarUInt()} rejects encodings longer than ten groups and
 *       {@link #readVarUIntBounded(long)} rejects values over the caller's bound: always prefer the
 *       bounded form for counts and lengths.</li>
 * </ul>
 */
public final class BitReader {
    private static final int MAX_VARINT_GROUPS = 10;

    private byte[] buffer = new byte[0];
    private int offset;
    private int limitBits;
    private int positionBits;

    public BitReader wrap(byte[] buffer, int offset, int lengthBytes) {
        Objects.checkFromIndexSize(offset, lengthBytes, buffer.length);
        this.buffer = buffer;
        this.offset = offset;
        this.limitBits = lengthBytes * 8;
        this.positionBits = 0;
        return this;
    }

    public BitReader wrap(byte[] buffer) {
        return wrap(buffer, 0, buffer.length);
    }

    public int bitsRead() {
        return positionBits;
    }

    public int bitsRemaining() {
        return limitBits - positionBits;
    }

    private void require(int bits) {
        if (bits > limitBits - positionBits) {
            throw new SnapshotFormatException("read of " + bits + " bits past the end (" + bitsRemaining() + " left)");
        }
    }

    /** Reads an unsigned value of {@code bits} bits (0 to 32); 32 bits may come back negative. */
    public int readBits(int bits) {
        if (bits < 0 || bits > 32) {
            throw new IllegalArgumentException("bits must be 0..32: " + bits);
        }
        require(bits);
        int result = 0;
        int remaining = bits;
        while (remaining > 0) {
            int index = offset + (positionBits >>> 3);
            int bitInByte = positionBits & 7;
            int available = 8 - bitInByte;
            int n = Math.min(available, remaining);
            int chunk = ((buffer[index] & 0xff) >>> (available - n)) & ((1 << n) - 1);
            result = (result << n) | chunk;
            positionBits += n;
            remaining -= n;
        }
        return result;
    }

    public long readLong(int bits) {
        if (bits < 0 || bits > 64) {
            throw new IllegalArgumentException("bits must be 0..64: " + bits);
        }
        require(bits);
        if (bits > 32) {
            long high = readBits(bits - 32) & 0xffffffffL;
            long low = readBits(32) & 0xffffffffL;
            return (high << 32) | low;
        }
        return readBits(bits) & 0xffffffffL;
    }

    public boolean readBool() {
        return readBits(1) != 0;
    }

    public int readSigned(int bits) {
        if (bits < 1 || bits > 32) {
            throw new IllegalArgumentException("bits must be 1..32: " + bits);
        }
        int raw = readBits(bits);
        int shift = 32 - bits;
        return (raw << shift) >> shift;
    }

    /** Reads a value written by {@link BitWriter#writeBounded}; a decoded value over {@code max} is a format error. */
    public int readBounded(int min, int max) {
        if (min > max) {
            throw new IllegalArgumentException("min > max: " + min + " > " + max);
        }
        long range = (long) max - min;
        long raw = readLong(BitWriter.bitsFor(range));
        if (raw > range) {
            throw new SnapshotFormatException("bounded value " + (min + raw) + " over max " + max);
        }
        return (int) (min + raw);
    }

    public long readVarUInt() {
        long result = 0;
        for (int group = 0; group < MAX_VARINT_GROUPS; group++) {
            int b = readBits(8);
            result |= (long) (b & 0x7f) << (7 * group);
            if ((b & 0x80) == 0) {
                if (group == MAX_VARINT_GROUPS - 1 && (b & 0x7e) != 0) {
                    throw new SnapshotFormatException("varint overflows 64 bits");
                }
                return result;
            }
        }
        throw new SnapshotFormatException("varint longer than " + MAX_VARINT_GROUPS + " groups");
    }

    /** Reads an unsigned varint and rejects it when it is over {@code max} (use for counts and lengths). */
    public long readVarUIntBounded(long max) {
        long value = readVarUInt();
        if (value < 0 || value > max) {
            throw new SnapshotFormatException("varint " + Long.toUnsignedString(value) + " over limit " + max);
        }
        return value;
    }

    public long readVarInt() {
        return BitWriter.unzigzag(readVarUInt());
    }

    public void readBytes(byte[] target, int targetOffset, int length) {
        Objects.checkFromIndexSize(targetOffset, length, target.length);
        if ((long) length * 8 > bitsRemaining()) {
            throw new SnapshotFormatException("read of " + length + " bytes past the end");
        }
        for (int i = 0; i < length; i++) {
            target[targetOffset + i] = (byte) readBits(8);
        }
    }
}
