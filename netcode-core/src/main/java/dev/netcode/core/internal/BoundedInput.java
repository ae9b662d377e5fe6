package dev.netcode.core.internal;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;

/**
 * A Kryo {@link Input} that refuses length prefixes the message cannot possibly satisfy before
 * anything is allocated. Kryo trusts lengths: a 5-byte hostile message claiming a two-billion
 * element array would otherwise allocate gigabytes before failing on underflow.
 *
 * <p>Each check uses the minimum encoded size of one element (1 byte for varints and UTF-8
 * characters), so valid messages are never refused.
 */
final class BoundedInput extends Input {
    private void check(int count, int minBytesEach) {
        if (count < 0 || (long) count * minBytesEach > limit - position) {
            throw new KryoException("length " + count + " exceeds the " + (limit - position) + " bytes left in the message");
        }
    }

    /** Checks a count of elements of at least {@code minBytesEach} bytes against what is left. */
    void checkCount(int count, int minBytesEach) {
        check(count, minBytesEach);
    }

    @Override
    public byte[] readBytes(int length) {
        check(length, 1);
        return super.readBytes(length);
    }

    @Override
    public int[] readInts(int length) {
        check(length, 4);
        return super.readInts(length);
    }

    @Override
    public int[] readInts(int length, boolean optimizePositive) {
        check(length, 1);
        return super.readInts(length, optimizePositive);
    }

    @Override
    public long[] readLongs(int length) {
        check(length, 8);
        return super.readLongs(length);
    }

    @Override
    public long[] readLongs(int length, boolean optimizePositive) {
        check(length, 1);
        return super.readLongs(length, optimizePositive);
    }

    @Override
    public float[] readFloats(int length) {
        check(length, 4);
        return super.readFloats(length);
    }

    @Override
    public double[] readDoubles(int length) {
        check(length, 8);
        return super.readDoubles(length);
    }

    @Override
    public short[] readShorts(int length) {
        check(length, 2);
        return super.readShorts(length);
    }

    @Override
    public char[] readChars(int length) {
        check(length, 2);
        return super.readChars(length);
    }

    @Override
    public boolean[] readBooleans(int length) {
        check(length, 1);
        return super.readBooleans(length);
    }

    @Override
    public String readString() {
        checkUtf8Length();
        return super.readString();
    }

    @Override
    public StringBuilder readStringBuilder() {
        checkUtf8Length();
        return super.readStringBuilder();
    }

    /** Kryo allocates a char array of the announced UTF-8 length first; peek at it and bound it. */
    private void checkUtf8Length() {
        if (position == limit || !readVarIntFlag()) {
            return; // ASCII strings are scanned in place, bounded by the data itself
        }
        int start = position;
        int charCountPlusOne = readVarIntFlag(true);
        position = start;
        if (charCountPlusOne < 0) {
            // Kryo subtracts one: a negative prefix would wrap to Integer.MAX_VALUE.
            throw new KryoException("negative string length prefix " + charCountPlusOne);
        }
        if (charCountPlusOne > 1) {
            check(charCountPlusOne - 1, 1);
        }
    }
}
