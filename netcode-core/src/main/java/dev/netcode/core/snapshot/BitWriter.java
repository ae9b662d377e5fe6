package dev.netcode.core.snapshot;

import java.util.Objects;

/**
 * Writes values of arbitrary bit width, most significant bit first, into a caller-owned byte array.
 *
 * <p>A flyweight: one instance is {@link #wrap(byte[], int, int) wrapped} around a buffer per packet
 * and reused; no write allocates. Bits fill each byte from its most significant bit down, so a
 * stream of whole bytes written with {@link #writeBits(int, int) writeBits(b, 8)} is byte-for-byte
 * the same as the input.
 *
 * <pre>
 *  byte 0          byte 1
 *  7 6 5 4 3 2 1 0 7 6 5 4 3 2 1 0
 * +-+-----+---------+-------------+
 * |a|  b  |    c    |  (unused)   |   writeBool(a); writeBits(b, 3); writeBits(c, 5)
 * +-+-----+---------+-------------+
 * </pre>
 *
 * <h2>Field kinds</h2>
 * <ul>
 *   <li>{@link #writeBits(int, int)} / {@link #writeLong(long, int)}: unsigned, fixed width;</li>
 *   <li>{@link #writeSigned(int, int)}: two's complement in {@code n} bits;</li>
 *   <li>{@link #writeBounded(int, int, int)}: a value in {@code [min, max]} in exactly
 *       {@link #bitsFor(long) bitsFor(max - min)} bits;</li>
 *   <li>{@link #writeVarUInt(long)} / {@link #writeVarInt(long)}: LEB128-style groups of 7 bits plus
 *       a continuation bit; signed values are zigzag-mapped first so small negatives stay small.</li>
 * </ul>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>The reader must read exactly the same sequence of kinds and widths; nothing in the stream is
 *       self-describing.</li>
 *   <li>{@link #bytesUsed()} rounds up: the last byte's unused low bits are zero and a reader cannot
 *       tell them from data, so a format that needs an end marker must write a count.</li>
 *   <li>Writes beyond the capacity throw {@link BitOverflowException}; budgeted encoders should check
 *       {@link #bitsRemaining()} first (or {@link #mark()}/{@link #rewind(int)}).</li>
 * </ul>
 */
public final class BitWriter {
    private byte[] buffer = new byte[0];
    private int offset;
    private int limitBits;
    private int positionBits;

    /** Points this writer at {@code buffer[offset, offset + lengthBytes)} and resets the position. */
    public BitWriter wrap(byte[] buffer, int offset, int lengthBytes) {
        Objects.checkFromIndexSize(offset, lengthBytes, buffer.length);
        this.buffer = buffer;
        this.offset = offset;
        this.limitBits = lengthBytes * 8;
        this.positionBits = 0;
        return this;
    }

    public BitWriter wrap(byte[] buffer) {
        return wrap(buffer, 0, buffer.length);
    }

    /** Bits written so far. */
    public int bitsWritten() {
        return positionBits;
    }

    public int bitsRemaining() {
        return limitBits - positionBits;
    }

    /** Whole bytes touched so far (the last one possibly partly filled). */
    public int bytesUsed() {
        return (positionBits + 7) >>> 3;
    }

    public byte[] buffer() {
        return buffer;
    }

    /** The current position, for a later {@link #rewind(int)}. */
    public int mark() {
        return positionBits;
    }

    /** Moves the position back to a {@link #mark()}; later writes overwrite what followed it. */
    public void rewind(int markBits) {
        if (markBits < 0 || markBits > positionBits) {
            throw new IllegalArgumentException("mark " + markBits + " outside [0, " + positionBits + "]");
        }
        positionBits = markBits;
    }

    /** Writes the low {@code bits} bits of {@code value} (0 to 32), most significant first. */
    public void writeBits(int value, int bits) {
        if (bits < 0 || bits > 32) {
            throw new IllegalArgumentException("bits must be 0..32: " + bits);
        }
        if (bits == 0) {
            return;
        }
        if (bits > limitBits - positionBits) {
            throw new BitOverflowException("writing " + bits + " bits with " + bitsRemaining() + " remaining");
        }
        int remaining = bits;
        while (remaining > 0) {
            int index = offset + (positionBits >>> 3);
            int bitInByte = positionBits & 7;
            int free = 8 - bitInByte;
            int n = Math.min(free, remaining);
            int chunk = (value >>> (remaining - n)) & ((1 << n) - 1);
            int shift = free - n;
            // The first write into a byte clears it: the buffer is reused and holds old packets.
            int current = bitInByte == 0 ? 0 : buffer[index] & 0xff;
            int mask = ((1 << n) - 1) << shift;
            buffer[index] = (byte) ((current & ~mask) | (chunk << shift));
            positionBits += n;
            remaining -= n;
        }
    }

    /** Writes the low {@code bits} bits of {@code value} (0 to 64). */
    public void writeLong(long value, int bits) {
        if (bits < 0 || bits > 64) {
            throw new IllegalArgumentException("bits must be 0..64: " + bits);
        }
        if (bits > limitBits - positionBits) {
            throw new BitOverflowException("writing " + bits + " bits with " + bitsRemaining() + " remaining");
        }
        if (bits > 32) {
            writeBits((int) (value >>> 32), bits - 32);
            writeBits((int) value, 32);
        } else {
            writeBits((int) value, bits);
        }
    }

    public void writeBool(boolean value) {
        writeBits(value ? 1 : 0, 1);
    }

    /** Writes {@code value} as an {@code bits}-bit two's complement number; it must fit. */
    public void writeSigned(int value, int bits) {
        if (bits < 1 || bits > 32) {
            throw new IllegalArgumentException("bits must be 1..32: " + bits);
        }
        if (bits < 32) {
            int min = -(1 << (bits - 1));
            int max = (1 << (bits - 1)) - 1;
            if (value < min || value > max) {
                throw new IllegalArgumentException(value + " does not fit in " + bits + " signed bits");
            }
        }
        writeBits(value, bits);
    }

    /** Writes {@code value} in {@code [min, max]} using {@code bitsFor(max - min)} bits. */
    public void writeBounded(int value, int min, int max) {
        if (min > max) {
            throw new IllegalArgumentException("min > max: " + min + " > " + max);
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(value + " outside [" + min + ", " + max + "]");
        }
        long range = (long) max - min;
        writeLong((long) value - min, bitsFor(range));
    }

    /** Unsigned variable-length integer: 7 bits per group, high bit of each 8-bit group = more follows. */
    public void writeVarUInt(long value) {
        long v = value;
        while ((v & ~0x7fL) != 0) {
            writeBits((int) ((v & 0x7f) | 0x80), 8);
            v >>>= 7;
        }
        writeBits((int) v, 8);
    }

    /** Signed variable-length integer, zigzag-mapped (0, -1, 1, -2 … → 0, 1, 2, 3 …). */
    public void writeVarInt(long value) {
        writeVarUInt(zigzag(value));
    }

    /** Writes {@code length} bytes; they need not be byte-aligned in the stream. */
    public void writeBytes(byte[] source, int sourceOffset, int length) {
        Objects.checkFromIndexSize(sourceOffset, length, source.length);
        if ((long) length * 8 > bitsRemaining()) {
            throw new BitOverflowException("writing " + length + " bytes with " + bitsRemaining() + " bits remaining");
        }
        for (int i = 0; i < length; i++) {
            writeBits(source[sourceOffset + i], 8);
        }
    }

    /** Bits needed for any value in {@code [0, maxValue]}; 0 when {@code maxValue == 0}. */
    public static int bitsFor(long maxValue) {
        if (maxValue < 0) {
            throw new IllegalArgumentException("negative range: " + maxValue);
        }
        return 64 - Long.numberOfLeadingZeros(maxValue);
    }

    public static long zigzag(long value) {
        return (value << 1) ^ (value >> 63);
    }

    public static long unzigzag(long value) {
        return (value >>> 1) ^ -(value & 1);
    }

    /** Bits {@link #writeVarUInt(long)} uses for {@code value}. */
    public static int varUIntBits(long value) {
        int groups = 1;
        long v = value >>> 7;
        while (v != 0) {
            groups++;
            v >>>= 7;
        }
        return groups * 8;
    }
}
