package dev.netcode.webrtc.datachannel;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Deterministic test messages: message {@code i} of a run is regenerated from {@code (seed, i)}
 * instead of being stored, so 10,000 messages of up to 256 KiB cost no heap. Messages of 8 bytes
 * or more start with their index as 8 hex digits, so unordered deliveries can be matched.
 */
final class TestMessages {
    /** A generated message: its type and its exact bytes (UTF-8 for strings). */
    record Generated(boolean binary, byte[] bytes) {
        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        void sendOn(DataChannel ch) {
            if (binary) {
                ch.send(ByteBuffer.wrap(bytes));
            } else {
                ch.send(text());
            }
        }
    }

    /** Four characters of 2, 3, 4 (surrogate pair) bytes: 9 UTF-8 bytes that must survive. */
    private static final byte[] MULTIBYTE_SUFFIX = "é€😀".getBytes(StandardCharsets.UTF_8);

    private final long seed;
    private final int maxSizeBytes;

    TestMessages(long seed, int maxSizeBytes) {
        this.seed = seed;
        this.maxSizeBytes = maxSizeBytes;
    }

    /** Sizes 0 B .. max, most small, a few near the maximum; the first ones hit the edges. */
    int sizeOf(int index, Random r) {
        switch (index) {
            case 0: return 0;
            case 1: return maxSizeBytes;
            case 2: return 1;
            case 3: return maxSizeBytes;
            default: break;
        }
        double x = r.nextDouble();
        int max = maxSizeBytes;
        if (x < 0.40) {
            return r.nextInt(Math.min(65, max + 1));
        } else if (x < 0.70) {
            return Math.min(max, 65 + r.nextInt(1136));
        } else if (x < 0.90) {
            return Math.min(max, 1201 + r.nextInt(15184));
        } else if (x < 0.99) {
            return Math.min(max, 16385 + r.nextInt(114688));
        }
        return Math.min(max, 131073 + r.nextInt(131072));
    }

    Generated get(int index) {
        Random r = new Random(seed * 0x9E3779B97F4A7C15L + index);
        int size = sizeOf(index, r);
        boolean binary = index == 3 ? false : index == 1 || r.nextBoolean();
        byte[] b = new byte[size];
        if (binary) {
            r.nextBytes(b);
        } else {
            for (int i = 0; i < size; i++) {
                b[i] = (byte) ('a' + r.nextInt(26));
            }
            if (size >= 8 + MULTIBYTE_SUFFIX.length) {
                System.arraycopy(MULTIBYTE_SUFFIX, 0, b, size - MULTIBYTE_SUFFIX.length, MULTIBYTE_SUFFIX.length);
            }
        }
        if (size >= 8) {
            byte[] hex = String.format("%08x", index).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(hex, 0, b, 0, 8);
        }
        return new Generated(binary, b);
    }

    /** The index a message of 8 bytes or more carries, or -1. */
    static int indexOf(byte[] bytes) {
        if (bytes.length < 8) {
            return -1;
        }
        try {
            return Integer.parseUnsignedInt(new String(bytes, 0, 8, StandardCharsets.US_ASCII), 16);
        } catch (NumberFormatException e) {
            return -2;
        }
    }
}
