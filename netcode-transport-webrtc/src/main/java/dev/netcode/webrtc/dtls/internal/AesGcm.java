package dev.netcode.webrtc.dtls.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM (NIST SP 800-38D) with a 12-byte nonce and a 16-byte tag, for one key, that allocates
 * nothing per record once constructed.
 *
 * <p>Why not {@code Cipher.getInstance("AES/GCM/NoPadding")}: the JDK's GCM needs a
 * {@code Cipher.init} with a fresh {@code GCMParameterSpec} for every nonce, and each init clones
 * the key, builds new GHASH/GCTR engines, and a decryption buffers the whole ciphertext before it
 * releases the plaintext: about 1 KB allocated per record. Here the AES block function is the JDK's
 * {@code AES/ECB/NoPadding} cipher, initialised once (it runs on the AES-NI intrinsic), CTR mode
 * encrypts a chunk of counter blocks per call with it, and GHASH is Java arithmetic on two longs per
 * block.
 *
 * <pre>
 *   J0 = nonce(12) || 00000001                      (SP 800-38D §7.1, 96-bit IV)
 *   C  = P xor AES(J0+1) || AES(J0+2) || ...       (inc32 of the low 32 bits)
 *   S  = GHASH_H(A || pad || C || pad || len64(A) || len64(C))
 *   T  = AES(J0) xor S
 * </pre>
 *
 * <h2>How GHASH is computed</h2>
 * GHASH is Horner's rule, Y = (Y xor X_i)·H, one multiplication in GF(2^128) per block, done with
 * Shoup's 8-bit tables: the 256 multiples of H by a byte, combined by Horner in x^8 with a shared
 * 256-entry reduction table. The shift-and-reduce chain is serial and bound by load latency, so
 * one block runs as two chains (its high and low eight bytes) joined by one multiplication by x^64
 * (a few shifts: x^128 = 1 + x + x^2 + x^7). Once a key has hashed {@value #BULK_BYTES} bytes of
 * texts of at least {@value #BULK_TEXT_BYTES} bytes, it also builds tables for H^2, H^3 and H^4
 * and folds four blocks per chain (aggregated reduction):
 * <pre>
 *   Y' = (Y xor X1)·H^4 xor X2·H^3 xor X3·H^2 xor X4·H
 * </pre>
 * The four products share one Horner chain; their 64 lookups per chain are independent loads the
 * CPU overlaps. That is about 1.6 times faster per byte, for 12 KiB more per key, which is why only
 * keys that carry bulk data pay it (a game client's small messages never do). 4-bit tables
 * (1 KiB for all four powers) measured slower than the single 8-bit table; chunks of 16, 32 or
 * 128 counter blocks no faster than 64.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Not thread-safe: one instance per direction of one DTLS epoch, used under the endpoint's
 *       lock. The 2 KiB counter/keystream scratch is per thread (an event loop decrypts for many
 *       connections), so an instance costs its tables and the JDK's ECB cipher, not a buffer.</li>
 *   <li>The caller guarantees nonces never repeat under one key (DTLS: epoch and sequence number
 *       are in the nonce); this class does not check, unlike the JDK's GCM.</li>
 *   <li>{@link #open} writes plaintext before the tag is known to be good and wipes it if not; a
 *       caller must not look at the output when it returns false.</li>
 *   <li>The tag comparison is constant-time; GHASH table lookups are not (the usual trade-off of a
 *       table-driven GHASH without CLMUL access from Java).</li>
 *   <li>Texts up to 2^32 - 2 blocks only (the 32-bit block counter); DTLS records are at most
 *       16 KiB.</li>
 * </ul>
 */
public final class AesGcm {
    public static final int NONCE_BYTES = 12;
    public static final int TAG_BYTES = 16;
    private static final int BLOCK = 16;
    /** Big-endian views of a byte[]: one bounds-checked load instead of eight (four) byte loads. */
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    /**
     * Counter blocks encrypted per call into the ECB cipher. Fewer blocks per call cost more call
     * overhead per byte; more did not measure faster.
     */
    private static final int CHUNK_BLOCKS = 64;
    private static final int KEYSTREAM = CHUNK_BLOCKS * BLOCK;
    /**
     * Per thread: counter blocks at [0, 1 KiB), their encryption at [1 KiB, 2 KiB). Not in place: the
     * JDK's cipher copies an overlapping input first, which allocates.
     */
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[2 * KEYSTREAM]);
    /** Reduction of the byte shifted out when multiplying by x^8 (only ever lands in the high word). */
    private static final long[] REDUCE8 = new long[256];
    /** Layout of {@link #powers}: H^4, H^3, H^2 at these offsets; byte v's product high word at 2v, low at 2v+1. */
    private static final int H4 = 0;
    private static final int H3 = 512;
    private static final int H2 = 1024;
    /** Bytes of bulk-sized texts hashed before the key builds its H^2..H^4 tables. */
    static final int BULK_BYTES = 256 * 1024;
    /** A text this long counts towards {@link #BULK_BYTES}; game messages and SACKs are shorter. */
    static final int BULK_TEXT_BYTES = 1024;

    static {
        for (int b = 0; b < 256; b++) {
            long hi = 0;
            long lo = b;
            for (int i = 0; i < 8; i++) {
                boolean carry = (lo & 1) != 0;
                lo = (lo >>> 1) | (hi << 63);
                hi >>>= 1;
                if (carry) {
                    hi ^= 0xE100000000000000L;
                }
            }
            REDUCE8[b] = hi;
        }
    }

    private final Cipher ecb;
    /** The 256 byte multiples of H, high word at 2v, low at 2v+1. */
    private final long[] table = new long[512];
    /** H^4, H^3, H^2 tables; null until the key has hashed {@link #BULK_BYTES} of long texts. */
    private long[] powers;
    private long hashedLongBytes;
    private long hHi;
    private long hLo;
    private long yHi;
    private long yLo;
    /** AES(J0) of the current record. */
    private long maskHi;
    private long maskLo;

    /** @param key 16, 24 or 32 bytes (AES-128 / AES-192 / AES-256) */
    public AesGcm(byte[] key, int offset, int length) {
        if (length != 16 && length != 24 && length != 32) {
            throw new IllegalArgumentException("AES key of " + length + " bytes");
        }
        try {
            ecb = Cipher.getInstance("AES/ECB/NoPadding");
            ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, offset, length, "AES"));
            byte[] h = new byte[BLOCK];
            ecb.update(h, 0, BLOCK, h, 0);
            buildTables(readLong(h, 0), readLong(h, 8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES unavailable", e);
        }
    }

    private void buildTables(long hHi, long hLo) {
        this.hHi = hHi;
        this.hLo = hLo;
        fillTable(table, 0, hHi, hLo);
    }

    /** The tables for aggregated reduction: 12 KiB, built once per key, only for keys that carry bulk. */
    void buildPowers() {
        long[] t = new long[3 * 512];
        long[] power = slowMultiply(hHi, hLo, hHi, hLo);
        fillTable(t, H2, power[0], power[1]);
        power = slowMultiply(power[0], power[1], hHi, hLo);
        fillTable(t, H3, power[0], power[1]);
        power = slowMultiply(power[0], power[1], hHi, hLo);
        fillTable(t, H4, power[0], power[1]);
        powers = t;
    }

    /** True once the key has built its H^2..H^4 tables (for tests and diagnostics). */
    boolean usesAggregatedTables() {
        return powers != null;
    }

    /** Byte 0x80 (the x^0 bit) is P, 0x40 is P·x, ..., 0x01 is P·x^7; the rest by linearity. */
    private static void fillTable(long[] t, int base, long pHi, long pLo) {
        long hi = pHi;
        long lo = pLo;
        for (int bit = 0x80; bit != 0; bit >>>= 1) {
            t[base + 2 * bit] = hi;
            t[base + 2 * bit + 1] = lo;
            boolean carry = (lo & 1) != 0;
            lo = (lo >>> 1) | (hi << 63);
            hi >>>= 1;
            if (carry) {
                hi ^= 0xE100000000000000L;
            }
        }
        for (int v = 2; v < 256; v <<= 1) {
            for (int j = 1; j < v; j++) {
                t[base + 2 * (v + j)] = t[base + 2 * v] ^ t[base + 2 * j];
                t[base + 2 * (v + j) + 1] = t[base + 2 * v + 1] ^ t[base + 2 * j + 1];
            }
        }
    }

    /** Bit-by-bit GF(2^128) product (SP 800-38D Algorithm 1); only for building the tables. */
    private static long[] slowMultiply(long xHi, long xLo, long yHi, long yLo) {
        long zHi = 0;
        long zLo = 0;
        long vHi = yHi;
        long vLo = yLo;
        for (int i = 0; i < 128; i++) {
            long bit = i < 64 ? (xHi >>> (63 - i)) & 1 : (xLo >>> (127 - i)) & 1;
            if (bit != 0) {
                zHi ^= vHi;
                zLo ^= vLo;
            }
            boolean carry = (vLo & 1) != 0;
            vLo = (vLo >>> 1) | (vHi << 63);
            vHi >>>= 1;
            if (carry) {
                vHi ^= 0xE100000000000000L;
            }
        }
        return new long[] {zHi, zLo};
    }

    /**
     * Encrypts {@code length} bytes and appends the 16-byte tag; {@code out} may be {@code in} at the
     * same offset.
     *
     * @return {@code length + 16}
     */
    public int seal(byte[] nonce, int nonceOffset, byte[] aad, int aadOffset, int aadLength,
            byte[] in, int inOffset, int length, byte[] out, int outOffset) {
        ctr(SCRATCH.get(), nonce, nonceOffset, in, inOffset, length, out, outOffset);
        hash(aad, aadOffset, aadLength, out, outOffset, length);
        writeLong(out, outOffset + length, yHi ^ maskHi);
        writeLong(out, outOffset + length + 8, yLo ^ maskLo);
        return length + TAG_BYTES;
    }

    /**
     * Decrypts {@code length} bytes of ciphertext followed by the 16-byte tag; {@code out} may be
     * {@code in} at the same offset. On a bad tag the output is zeroed.
     *
     * @param length ciphertext plus tag
     * @return true if the tag is authentic; the plaintext is then {@code length - 16} bytes
     */
    public boolean open(byte[] nonce, int nonceOffset, byte[] aad, int aadOffset, int aadLength,
            byte[] in, int inOffset, int length, byte[] out, int outOffset) {
        if (length < TAG_BYTES) {
            return false;
        }
        int textLength = length - TAG_BYTES;
        int tagOffset = inOffset + textLength;
        // Hash the ciphertext before CTR overwrites it (in place), and read the tag for the same reason.
        hash(aad, aadOffset, aadLength, in, inOffset, textLength);
        long tagHi = readLong(in, tagOffset);
        long tagLo = readLong(in, tagOffset + 8);
        ctr(SCRATCH.get(), nonce, nonceOffset, in, inOffset, textLength, out, outOffset);
        // Constant-time: no branch until all 128 bits are compared.
        long diff = (yHi ^ maskHi ^ tagHi) | (yLo ^ maskLo ^ tagLo);
        if (diff != 0) {
            java.util.Arrays.fill(out, outOffset, outOffset + textLength, (byte) 0);
            return false;
        }
        return true;
    }

    /** Y = GHASH_H(A || pad || C || pad || len64(A) || len64(C)). */
    private void hash(byte[] aad, int aadOffset, int aadLength, byte[] text, int textOffset, int textLength) {
        yHi = 0;
        yLo = 0;
        absorb(aad, aadOffset, aadLength);
        absorb(text, textOffset, textLength);
        yHi ^= (long) aadLength * 8;
        yLo ^= (long) textLength * 8;
        multiplyH();
    }

    /**
     * CTR over the text from counter 2. Block 0 of the first chunk is J0: its keystream, the tag
     * mask, goes to {@link #maskHi}/{@link #maskLo}.
     */
    private void ctr(byte[] scratch, byte[] nonce, int nonceOffset, byte[] in, int inOffset, int length,
            byte[] out, int outOffset) {
        long nonceHi = readLong(nonce, nonceOffset);
        int nonceLo = (int) INT_BE.get(nonce, nonceOffset + 8);
        int counter = 1;
        int done = 0;
        int skip = 1;
        do {
            int want = Math.min(length - done, (CHUNK_BLOCKS - skip) * BLOCK);
            int bytes = (skip + (want + BLOCK - 1) / BLOCK) * BLOCK;
            for (int at = 0; at < bytes; at += BLOCK) {
                writeLong(scratch, at, nonceHi);
                INT_BE.set(scratch, at + 8, nonceLo);
                INT_BE.set(scratch, at + 12, counter++);
            }
            try {
                ecb.update(scratch, 0, bytes, scratch, KEYSTREAM);
            } catch (ShortBufferException e) {
                throw new IllegalStateException(e);
            }
            if (skip == 1) {
                maskHi = readLong(scratch, KEYSTREAM);
                maskLo = readLong(scratch, KEYSTREAM + 8);
            }
            xor(in, inOffset + done, scratch, KEYSTREAM + skip * BLOCK, out, outOffset + done, want);
            done += want;
            skip = 0;
        } while (done < length);
    }

    /**
     * Absorbs {@code length} bytes into Y, four blocks per reduction while it can; a partial final
     * block is zero-padded, so call it once for the AAD and once for the text.
     */
    private void absorb(byte[] b, int offset, int length) {
        int end = offset + length;
        int p = offset;
        if (length >= 4 * BLOCK) {
            if (powers != null) {
                p = absorbFours(powers, b, p, end);
            } else if (length >= BULK_TEXT_BYTES && (hashedLongBytes += length) >= BULK_BYTES) {
                buildPowers();
            }
        }
        while (end - p >= BLOCK) {
            yHi ^= readLong(b, p);
            yLo ^= readLong(b, p + 8);
            multiplyH();
            p += BLOCK;
        }
        if (p < end) {
            long hi = 0;
            long lo = 0;
            for (int i = 0; i < end - p; i++) {
                long v = b[p + i] & 0xffL;
                if (i < 8) {
                    hi |= v << (56 - 8 * i);
                } else {
                    lo |= v << (120 - 8 * i);
                }
            }
            yHi ^= hi;
            yLo ^= lo;
            multiplyH();
        }
    }

    /**
     * Y' = (Y xor X1)·H^4 xor X2·H^3 xor X3·H^2 xor X4·H per 64 bytes; returns where it stopped.
     * X1 comes from Y's longs, X2..X4 as bytes straight from the array (one load per lookup index
     * instead of a shift and a mask).
     */
    private int absorbFours(long[] pw, byte[] b, int offset, int end) {
        long[] t = table;
        long[] red = REDUCE8;
        long zHi = yHi;
        long zLo = yLo;
        int limit = end - 4 * BLOCK;
        int p = offset;
        for (; p <= limit; p += 4 * BLOCK) {
            long aHi = zHi ^ readLong(b, p);
            long aLo = zLo ^ readLong(b, p + 8);
            zHi = 0;
            zLo = 0;
            // Horner from the last byte (the highest powers of x) down, four products at once.
            for (int k = 15; k >= 8; k--) {
                int r = (int) zLo & 0xff;
                zLo = (zLo >>> 8) | (zHi << 56);
                zHi = (zHi >>> 8) ^ red[r];
                int ia = H4 + (((int) (aLo >>> (120 - 8 * k)) & 0xff) << 1);
                int ib = H3 + ((b[p + 16 + k] & 0xff) << 1);
                int ic = H2 + ((b[p + 32 + k] & 0xff) << 1);
                int id = (b[p + 48 + k] & 0xff) << 1;
                zHi ^= pw[ia] ^ pw[ib] ^ pw[ic] ^ t[id];
                zLo ^= pw[ia + 1] ^ pw[ib + 1] ^ pw[ic + 1] ^ t[id + 1];
            }
            for (int k = 7; k >= 0; k--) {
                int r = (int) zLo & 0xff;
                zLo = (zLo >>> 8) | (zHi << 56);
                zHi = (zHi >>> 8) ^ red[r];
                int ia = H4 + (((int) (aHi >>> (56 - 8 * k)) & 0xff) << 1);
                int ib = H3 + ((b[p + 16 + k] & 0xff) << 1);
                int ic = H2 + ((b[p + 32 + k] & 0xff) << 1);
                int id = (b[p + 48 + k] & 0xff) << 1;
                zHi ^= pw[ia] ^ pw[ib] ^ pw[ic] ^ t[id];
                zLo ^= pw[ia + 1] ^ pw[ib + 1] ^ pw[ic + 1] ^ t[id + 1];
            }
        }
        yHi = zHi;
        yLo = zLo;
        return p;
    }

    /** Y = Y·H: two independent Horner chains (bytes 15..8 and 7..0), joined by one x^64 step. */
    private void multiplyH() {
        long[] t = table;
        long[] red = REDUCE8;
        long xHi = yHi;
        long xLo = yLo;
        long aHi = 0;
        long aLo = 0;
        long bHi = 0;
        long bLo = 0;
        for (int shift = 0; shift < 64; shift += 8) {
            int ra = (int) aLo & 0xff;
            aLo = (aLo >>> 8) | (aHi << 56);
            aHi = (aHi >>> 8) ^ red[ra];
            int rb = (int) bLo & 0xff;
            bLo = (bLo >>> 8) | (bHi << 56);
            bHi = (bHi >>> 8) ^ red[rb];
            int i = ((int) (xLo >>> shift) & 0xff) << 1;
            int j = ((int) (xHi >>> shift) & 0xff) << 1;
            aHi ^= t[i];
            aLo ^= t[i + 1];
            bHi ^= t[j];
            bLo ^= t[j + 1];
        }
        // A·x^64: A's low word overflows past x^127; x^128 = 1 + x + x^2 + x^7.
        yHi = bHi ^ aLo ^ (aLo >>> 1) ^ (aLo >>> 2) ^ (aLo >>> 7);
        yLo = bLo ^ aHi ^ (aLo << 63) ^ (aLo << 62) ^ (aLo << 57);
    }

    /** out = in XOR keystream, eight bytes at a time where possible (the byte loop was the hot spot). */
    private static void xor(byte[] in, int inOffset, byte[] ks, int ksOffset, byte[] out, int outOffset, int length) {
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            LONG_BE.set(out, outOffset + i, (long) LONG_BE.get(in, inOffset + i) ^ (long) LONG_BE.get(ks, ksOffset + i));
        }
        for (; i < length; i++) {
            out[outOffset + i] = (byte) (in[inOffset + i] ^ ks[ksOffset + i]);
        }
    }

    private static long readLong(byte[] b, int p) {
        return (long) LONG_BE.get(b, p);
    }

    private static void writeLong(byte[] b, int p, long v) {
        LONG_BE.set(b, p, v);
    }
}
