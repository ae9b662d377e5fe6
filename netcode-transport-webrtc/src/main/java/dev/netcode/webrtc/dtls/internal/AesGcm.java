package dev.netcode.webrtc.dtls.internal;

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
 * releases the plaintext; that was over half of all bytes allocated per DataChannel message. Here
 * the AES block function is the JDK's {@code AES/ECB/NoPadding} cipher, initialised once (it runs
 * on the AES-NI intrinsic), CTR mode encrypts counter blocks in bulk with it, and GHASH is a Java
 * multiplication by H with 8-bit tables (Shoup's method: 256 precomputed multiples of H and a
 * 256-entry reduction table).
 *
 * <pre>
 *   J0 = nonce(12) || 00000001                      (SP 800-38D §7.1, 96-bit IV)
 *   C  = P xor AES(J0+1) || AES(J0+2) || ...       (inc32 of the low 32 bits)
 *   S  = GHASH_H(A || pad || C || pad || len64(A) || len64(C))
 *   T  = AES(J0) xor S
 * </pre>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Not thread-safe: one instance per direction of one DTLS epoch, used under the endpoint's
 *       lock.</li>
 *   <li>The caller guarantees nonces never repeat under one key (DTLS: epoch and sequence number
 *       are in the nonce); this class does not check, unlike the JDK's GCM.</li>
 *   <li>{@link #open} writes plaintext before the tag is known to be good and wipes it if not; a
 *       caller must not look at the output when it returns false.</li>
 *   <li>The tag comparison is constant-time; GHASH table lookups are not (the usual trade-off of a
 *       table-driven GHASH without CLMUL access from Java).</li>
 * </ul>
 */
public final class AesGcm {
    public static final int NONCE_BYTES = 12;
    public static final int TAG_BYTES = 16;
    private static final int BLOCK = 16;
    /** Big-endian long view of a byte[]: one bounds-checked load instead of eight byte loads. */
    private static final java.lang.invoke.VarHandle LONG_BE =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.BIG_ENDIAN);
    /** Keystream computed per call into the ECB cipher: 64 blocks keeps the scratch at 2 KiB. */
    private static final int CHUNK_BLOCKS = 64;
    /** Reduction of the byte shifted out when multiplying by x^8 (only ever lands in the high word). */
    private static final long[] REDUCE8 = new long[256];

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
    /** mulHi[v], mulLo[v]: the byte v placed in the first byte of a block, times H. */
    private final long[] mulHi = new long[256];
    private final long[] mulLo = new long[256];
    private final byte[] counters = new byte[CHUNK_BLOCKS * BLOCK];
    private final byte[] keystream = new byte[CHUNK_BLOCKS * BLOCK];
    private final byte[] tagMask = new byte[BLOCK];
    private final byte[] lastBlock = new byte[BLOCK];
    private long yHi;
    private long yLo;

    /** @param key 16 or 32 bytes (AES-128 / AES-256) */
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
        // mul[0x80] = H, mul[0x40] = H·x, ..., mul[0x01] = H·x^7; the rest by linearity.
        long hi = hHi;
        long lo = hLo;
        for (int bit = 0x80; bit != 0; bit >>>= 1) {
            mulHi[bit] = hi;
            mulLo[bit] = lo;
            boolean carry = (lo & 1) != 0;
            lo = (lo >>> 1) | (hi << 63);
            hi >>>= 1;
            if (carry) {
                hi ^= 0xE100000000000000L;
            }
        }
        for (int v = 2; v < 256; v <<= 1) {
            for (int j = 1; j < v; j++) {
                mulHi[v + j] = mulHi[v] ^ mulHi[j];
                mulLo[v + j] = mulLo[v] ^ mulLo[j];
            }
        }
    }

    /**
     * Encrypts {@code length} bytes and appends the 16-byte tag; {@code out} may be {@code in} at the
     * same offset.
     *
     * @return {@code length + 16}
     */
    public int seal(byte[] nonce, int nonceOffset, byte[] aad, int aadOffset, int aadLength,
            byte[] in, int inOffset, int length, byte[] out, int outOffset) {
        start(nonce, nonceOffset, aad, aadOffset, aadLength);
        ctr(in, inOffset, length, out, outOffset, true);
        finish(aadLength, length);
        for (int i = 0; i < BLOCK; i++) {
            out[outOffset + length + i] = (byte) (lastBlock[i] ^ tagMask[i]);
        }
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
        start(nonce, nonceOffset, aad, aadOffset, aadLength);
        int tagOffset = inOffset + textLength;
        int diff = 0;
        ctr(in, inOffset, textLength, out, outOffset, false);
        finish(aadLength, textLength);
        for (int i = 0; i < BLOCK; i++) {
            diff |= (lastBlock[i] ^ tagMask[i]) ^ in[tagOffset + i];
        }
        if (diff != 0) {
            java.util.Arrays.fill(out, outOffset, outOffset + textLength, (byte) 0);
            return false;
        }
        return true;
    }

    private void start(byte[] nonce, int nonceOffset, byte[] aad, int aadOffset, int aadLength) {
        System.arraycopy(nonce, nonceOffset, counters, 0, NONCE_BYTES);
        yHi = 0;
        yLo = 0;
        ghash(aad, aadOffset, aadLength);
    }

    /** CTR over the text with GHASH of the ciphertext; block 0 of the first chunk is J0 (the tag mask). */
    private void ctr(byte[] in, int inOffset, int length, byte[] out, int outOffset, boolean encrypt) {
        int counter = 1;
        int done = 0;
        boolean first = true;
        while (first || done < length) {
            int slot = 0;
            int bytes;
            if (first) {
                // counters[0..11] already hold the nonce
                putInt(counters, 12, counter++);
                slot = 1;
            }
            int want = Math.min(length - done, (CHUNK_BLOCKS - slot) * BLOCK);
            int blocks = (want + BLOCK - 1) / BLOCK;
            for (int b = 0; b < blocks; b++) {
                int at = (slot + b) * BLOCK;
                if (at != 0) {
                    System.arraycopy(counters, 0, counters, at, NONCE_BYTES);
                }
                putInt(counters, at + 12, counter++);
            }
            bytes = (slot + blocks) * BLOCK;
            try {
                ecb.update(counters, 0, bytes, keystream, 0);
            } catch (ShortBufferException e) {
                throw new IllegalStateException(e);
            }
            int ks = 0;
            if (first) {
                System.arraycopy(keystream, 0, tagMask, 0, BLOCK);
                ks = BLOCK;
                first = false;
            }
            if (!encrypt) {
                ghash(in, inOffset + done, want);
            }
            xor(in, inOffset + done, keystream, ks, out, outOffset + done, want);
            if (encrypt) {
                ghash(out, outOffset + done, want);
            }
            done += want;
        }
    }

    /**
     * Absorbs {@code length} bytes into Y; a partial final block is zero-padded, so call it with
     * whole blocks except for the last piece of the AAD or of the text.
     */
    private void ghash(byte[] b, int offset, int length) {
        int end = offset + length;
        int p = offset;
        while (end - p >= BLOCK) {
            yHi ^= readLong(b, p);
            yLo ^= readLong(b, p + 8);
            multiplyH();
            p += BLOCK;
        }
        if (p < end) {
            java.util.Arrays.fill(lastBlock, (byte) 0);
            System.arraycopy(b, p, lastBlock, 0, end - p);
            yHi ^= readLong(lastBlock, 0);
            yLo ^= readLong(lastBlock, 8);
            multiplyH();
        }
    }

    private void finish(int aadLength, int textLength) {
        yHi ^= (long) aadLength * 8;
        yLo ^= (long) textLength * 8;
        multiplyH();
        writeLong(lastBlock, 0, yHi);
        writeLong(lastBlock, 8, yLo);
    }

    /** Y = Y·H in GF(2^128), byte by byte from the last (Horner in x^8). */
    private void multiplyH() {
        long xHi = yHi;
        long xLo = yLo;
        long zHi = 0;
        long zLo = 0;
        for (int shift = 0; shift < 64; shift += 8) {
            int v = (int) (xLo >>> shift) & 0xff;
            int r = (int) zLo & 0xff;
            zLo = (zLo >>> 8) | (zHi << 56);
            zHi = (zHi >>> 8) ^ REDUCE8[r];
            zHi ^= mulHi[v];
            zLo ^= mulLo[v];
        }
        for (int shift = 0; shift < 64; shift += 8) {
            int v = (int) (xHi >>> shift) & 0xff;
            int r = (int) zLo & 0xff;
            zLo = (zLo >>> 8) | (zHi << 56);
            zHi = (zHi >>> 8) ^ REDUCE8[r];
            zHi ^= mulHi[v];
            zLo ^= mulLo[v];
        }
        yHi = zHi;
        yLo = zLo;
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

    private static void putInt(byte[] b, int p, int v) {
        b[p] = (byte) (v >>> 24);
        b[p + 1] = (byte) (v >>> 16);
        b[p + 2] = (byte) (v >>> 8);
        b[p + 3] = (byte) v;
    }
}
