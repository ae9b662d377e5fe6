package dev.netcode.webrtc;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One DataChannel test message: its type and its bytes (UTF-8 for a string), plus the seeded,
 * skewed mix of sizes the acceptance matrix of issue 5 sends.
 *
 * <p>The mix: every size in {@link #SPECIAL_SIZES} once near the start (0 B, SCTP fragment
 * boundaries of Java's 1160-byte and dcSCTP's slightly larger fragments, 16/64 KiB, exactly
 * 256 KiB), exactly 256 KiB again in the middle and at the end, and otherwise 85 % below 1.5 KiB,
 * 13 % up to 16 KiB, 1.5 % up to 64 KiB and 0.5 % up to 256 KiB: about 3 KB on average, so 10,000
 * messages are about 35 MB. Strings mix 1- to 4-byte UTF-8 characters and have exactly the size
 * chosen in bytes.
 */
record AcceptanceMessage(boolean binary, byte[] bytes) {
    static final int MAX_BYTES = 256 * 1024;
    /** Around the fragment sizes (Java: 1191 - 12 - 16 rounded = 1160 bytes per DATA chunk). */
    static final int[] SPECIAL_SIZES = {0, 1, 2, 3, 4, 5, 1159, 1160, 1161, 1162, 1163, 1164, 1165, 1172, 1173,
        2319, 2320, 2321, 3480, 3481, 16_383, 16_384, 16_385, 65_535, 65_536, 65_537, 262_143, MAX_BYTES};

    String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A key with content equality, for multiset comparisons. */
    Key key() {
        return new Key(binary, ByteBuffer.wrap(bytes));
    }

    record Key(boolean binary, ByteBuffer bytes) {
    }

    static Key keyOf(boolean binary, byte[] bytes) {
        return new Key(binary, ByteBuffer.wrap(bytes));
    }

    @Override
    public String toString() {
        return (binary ? "binary" : "string") + "[" + bytes.length + " B]";
    }

    /** {@code count} messages of the skewed mix; types alternate at random. */
    static List<AcceptanceMessage> mixed(Random random, int count) {
        List<AcceptanceMessage> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int size;
            if (i < SPECIAL_SIZES.length * 2) {
                size = SPECIAL_SIZES[i / 2]; // each special size as string and as binary
                list.add(i % 2 == 0 ? binary(random, size) : string(random, size));
                continue;
            } else if (i == count / 2 || i == count - 1) {
                size = MAX_BYTES;
            } else {
                double r = random.nextDouble();
                size = r < 0.85 ? random.nextInt(1_500)
                        : r < 0.98 ? 1_500 + random.nextInt(16_384 - 1_500)
                        : r < 0.995 ? 16_384 + random.nextInt(65_536 - 16_384)
                        : 65_536 + random.nextInt(MAX_BYTES - 65_536 + 1);
            }
            list.add(random.nextBoolean() ? binary(random, size) : string(random, size));
        }
        return list;
    }

    static AcceptanceMessage binary(Random random, int size) {
        byte[] b = new byte[size];
        random.nextBytes(b);
        return new AcceptanceMessage(true, b);
    }

    /** A string of exactly {@code size} UTF-8 bytes, with 2-, 3- and 4-byte characters mixed in. */
    static AcceptanceMessage string(Random random, int size) {
        StringBuilder s = new StringBuilder(size);
        int left = size;
        while (left > 0) {
            int r = random.nextInt(100);
            if (r < 3 && left >= 4) {
                s.appendCodePoint(0x1F600 + random.nextInt(64)); // emoji: 4 bytes, a surrogate pair in Java/JS
                left -= 4;
            } else if (r < 8 && left >= 3) {
                s.append((char) (0x20AC + random.nextInt(16))); // 3 bytes
                left -= 3;
            } else if (r < 15 && left >= 2) {
                s.append((char) (0xE0 + random.nextInt(32))); // 2 bytes
                left -= 2;
            } else {
                s.append((char) (0x20 + random.nextInt(95))); // printable ASCII
                left -= 1;
            }
        }
        byte[] bytes = s.toString().getBytes(StandardCharsets.UTF_8);
        if (bytes.length != size) {
            throw new AssertionError("string of " + bytes.length + " bytes, wanted " + size);
        }
        return new AcceptanceMessage(false, bytes);
    }

    static long totalBytes(List<AcceptanceMessage> messages) {
        long n = 0;
        for (AcceptanceMessage m : messages) {
            n += m.bytes.length;
        }
        return n;
    }
}
