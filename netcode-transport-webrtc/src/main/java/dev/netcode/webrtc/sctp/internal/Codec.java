package dev.netcode.webrtc.sctp.internal;

import dev.netcode.webrtc.sctp.SctpParseException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Small helpers shared by the chunk decoders: padding, unsigned reads, TLV parameter walking. */
final class Codec {
    private Codec() {
    }

    static int pad4(int n) {
        return (n + 3) & ~3;
    }

    static int u16(ByteBuffer b) {
        return b.getShort() & 0xFFFF;
    }

    static int u8(ByteBuffer b) {
        return b.get() & 0xFF;
    }

    static long u32(ByteBuffer b) {
        return b.getInt() & 0xFFFFFFFFL;
    }

    static void require(ByteBuffer b, int bytes, String what) {
        if (b.remaining() < bytes) {
            throw new SctpParseException(what + ": need " + bytes + " bytes, have " + b.remaining());
        }
    }

    static byte[] bytes(ByteBuffer b, int n) {
        byte[] out = new byte[n];
        b.get(out);
        return out;
    }

    /** A type-length-value parameter or error cause (RFC 9260 §3.2.1, §3.3.10). */
    record Tlv(int type, byte[] value) {
    }

    /**
     * Splits {@code value} into TLVs (16-bit type, 16-bit length including the 4-byte header,
     * padded to 4 bytes). At most {@code maxCount} are accepted so a hostile chunk cannot make us
     * allocate a huge list.
     */
    static List<Tlv> tlvs(ByteBuffer value, int maxCount, String what) {
        List<Tlv> out = new ArrayList<>(4);
        while (value.remaining() >= 4) {
            int type = u16(value);
            int length = u16(value);
            if (length < 4) {
                throw new SctpParseException(what + ": parameter length " + length + " < 4");
            }
            require(value, length - 4, what + " parameter " + type);
            if (out.size() == maxCount) {
                throw new SctpParseException(what + ": more than " + maxCount + " parameters");
            }
            out.add(new Tlv(type, bytes(value, length - 4)));
            int padding = pad4(length) - length;
            value.position(value.position() + Math.min(padding, value.remaining()));
        }
        if (value.hasRemaining()) {
            throw new SctpParseException(what + ": " + value.remaining() + " trailing bytes");
        }
        return out;
    }

    static int tlvLength(byte[] value) {
        return 4 + value.length;
    }

    static void writeTlv(ByteBuffer out, int type, byte[] value, boolean padded) {
        out.putShort((short) type);
        out.putShort((short) (4 + value.length));
        out.put(value);
        if (padded) {
            for (int i = 4 + value.length; i < pad4(4 + value.length); i++) {
                out.put((byte) 0);
            }
        }
    }
}
