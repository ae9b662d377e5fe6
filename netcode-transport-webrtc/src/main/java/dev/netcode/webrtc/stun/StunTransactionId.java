package dev.netcode.webrtc.stun;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

/**
 * The 96-bit transaction id of a STUN message (RFC 8489 §5), usable as a map key to match
 * responses to requests. It must be unpredictable: an off-path attacker who can guess it can forge
 * responses to unauthenticated requests.
 */
public final class StunTransactionId {
    /** Bytes in a transaction id. */
    public static final int LENGTH_BYTES = 12;

    private static final SecureRandom SECURE_RANDOM = new SecureRandom();

    private final byte[] bytes;
    private final int hash;

    private StunTransactionId(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    /** A fresh id from a {@link SecureRandom}. */
    public static StunTransactionId random() {
        return random(SECURE_RANDOM);
    }

    /** A fresh id from {@code random}; tests pass a seeded one. */
    public static StunTransactionId random(Random random) {
        byte[] b = new byte[LENGTH_BYTES];
        random.nextBytes(b);
        return new StunTransactionId(b);
    }

    /** Copies 12 bytes starting at {@code offset}. */
    public static StunTransactionId of(byte[] source, int offset) {
        return new StunTransactionId(Arrays.copyOfRange(source, offset, offset + LENGTH_BYTES));
    }

    /** Copies exactly 12 bytes. */
    public static StunTransactionId of(byte[] twelveBytes) {
        if (twelveBytes.length != LENGTH_BYTES) {
            throw new IllegalArgumentException("transaction id needs 12 bytes, got " + twelveBytes.length);
        }
        return new StunTransactionId(twelveBytes.clone());
    }

    /** Byte {@code index} (0..11). */
    public byte byteAt(int index) {
        return bytes[index];
    }

    /** A copy of the 12 bytes. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    void copyTo(byte[] target, int offset) {
        System.arraycopy(bytes, 0, target, offset, LENGTH_BYTES);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StunTransactionId other && hash == other.hash && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(bytes);
    }
}
