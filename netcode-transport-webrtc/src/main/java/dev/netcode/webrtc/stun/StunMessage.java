package dev.netcode.webrtc.stun;

import dev.netcode.webrtc.stun.internal.StunCrypto;
import io.netty.buffer.ByteBuf;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import java.util.zip.CRC32;
import javax.crypto.Mac;

/**
 * A decoded STUN message (RFC 8489 §5): a read-only view over a private copy of the datagram with
 * an index of its attributes. Typed getters read attribute values on demand; the lengths of all
 * known attributes are validated when decoding, so a getter never fails on a decoded message.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |0 0|     STUN Message Type     |         Message Length        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                         Magic Cookie                          |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                                                               |
 *  |                     Transaction ID (96 bits)                  |
 *  |                                                               |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 *   Message type (§5): M11..M0 method bits with the class bits C1 C0 interleaved
 *    0                 1
 *    2  3  4 5 6 7 8 9 0 1 2 3 4 5
 *   +--+--+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |M |M |M|M|M|C|M|M|M|C|M|M|M|M|
 *   |11|10|9|8|7|1|6|5|4|0|3|2|1|0|
 *   +--+--+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 *   Attributes (§14): type-length-value, value padded to a multiple of 4 bytes
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |         Type                  |            Length             |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                         Value (variable)                ....
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>Decode with {@link #decode(ByteBuf)}; build messages with {@link StunMessageWriter}. Check
 * {@link #looksLikeStun(ByteBuf)} first when STUN shares a socket with DTLS (RFC 7983 §7).
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Decoding does not authenticate. Call {@link #verifyMessageIntegrity(byte[])} with the key
 *       (for ICE: the UTF-8 bytes of the password) before trusting anything in the message.</li>
 *   <li>FINGERPRINT, when present, is verified while decoding: a mismatch is a
 *       {@link StunParseException.Reason#BAD_FINGERPRINT} (RFC 7983 relies on it to tell STUN from
 *       other protocols).</li>
 *   <li>Attributes after MESSAGE-INTEGRITY other than MESSAGE-INTEGRITY-SHA256 and FINGERPRINT are
 *       ignored (RFC 8489 §14.5): getters do not see them.</li>
 *   <li>One UDP datagram carries exactly one message; trailing bytes are an error.</li>
 *   <li>Only RFC 5389+ messages (with the magic cookie) are accepted; RFC 3489 is not.</li>
 * </ul>
 */
public final class StunMessage {
    /** The fixed value in bytes 4..7 of every RFC 5389+ message. */
    public static final int MAGIC_COOKIE = 0x2112A442;
    /** Bytes in the header. */
    public static final int HEADER_BYTES = 20;
    /** Largest message accepted by {@link #decode}; ICE checks are around 100 bytes. */
    public static final int MAX_MESSAGE_BYTES = 2048;
    /** Most attributes accepted in one message. */
    public static final int MAX_ATTRIBUTES = 64;
    /** RFC 8489 §14.3: USERNAME is less than 513 bytes. */
    public static final int MAX_USERNAME_BYTES = 512;
    /** RFC 8489 §14.14 / §14.8: SOFTWARE and reason phrases are at most 763 bytes. */
    public static final int MAX_TEXT_BYTES = 763;

    static final int FINGERPRINT_XOR = 0x5354554E;

    private final byte[] raw;
    private final StunClass messageClass;
    private final int method;
    private final StunTransactionId transactionId;
    private final int attributeCount;
    private final int[] attributeTypes;
    private final int[] valueOffsets;
    private final int[] valueLengths;
    /** Attributes before this index are the ones getters see (RFC 8489 §14.5). */
    private final int visibleCount;
    private final int integrityIndex;
    private final int integritySha256Index;
    private final int fingerprintIndex;

    private StunMessage(byte[] raw, int attributeCount, int[] types, int[] offsets, int[] lengths,
                        int visibleCount, int integrityIndex, int integritySha256Index, int fingerprintIndex) {
        this.raw = raw;
        int type = ((raw[0] & 0xFF) << 8) | (raw[1] & 0xFF);
        this.messageClass = StunClass.ofBits(((type >> 4) & 1) | ((type >> 7) & 2));
        this.method = (type & 0xF) | ((type >> 1) & 0x70) | ((type >> 2) & 0xF80);
        this.transactionId = StunTransactionId.of(raw, 8);
        this.attributeCount = attributeCount;
        this.attributeTypes = types;
        this.valueOffsets = offsets;
        this.valueLengths = lengths;
        this.visibleCount = visibleCount;
        this.integrityIndex = integrityIndex;
        this.integritySha256Index = integritySha256Index;
        this.fingerprintIndex = fingerprintIndex;
    }

    /**
     * RFC 7983 §7 fast path: a STUN message starts with a byte in 0..3 and carries the magic cookie.
     *
     * @param firstByte the datagram's first byte (0..255)
     * @param cookie    the big-endian int at offset 4
     */
    public static boolean looksLikeStun(int firstByte, int cookie) {
        return (firstByte & 0xFF) <= 3 && cookie == MAGIC_COOKIE;
    }

    /** {@link #looksLikeStun(int, int)} on the readable bytes of {@code datagram}; does not move indexes. */
    public static boolean looksLikeStun(ByteBuf datagram) {
        int r = datagram.readerIndex();
        return datagram.readableBytes() >= HEADER_BYTES
                && looksLikeStun(datagram.getUnsignedByte(r), datagram.getInt(r + 4));
    }

    /** Decodes the readable bytes of {@code datagram} (indexes unchanged) as exactly one message. */
    public static StunMessage decode(ByteBuf datagram) throws StunParseException {
        int length = datagram.readableBytes();
        checkSize(length);
        byte[] copy = new byte[length];
        datagram.getBytes(datagram.readerIndex(), copy);
        return parse(copy);
    }

    /** Decodes {@code length} bytes of {@code data} from {@code offset} as exactly one message. */
    public static StunMessage decode(byte[] data, int offset, int length) throws StunParseException {
        checkSize(length);
        byte[] copy = new byte[length];
        System.arraycopy(data, offset, copy, 0, length);
        return parse(copy);
    }

    /** Decodes all of {@code data}. */
    public static StunMessage decode(byte[] data) throws StunParseException {
        return decode(data, 0, data.length);
    }

    private static void checkSize(int length) throws StunParseException {
        if (length < HEADER_BYTES) {
            throw new StunParseException(StunParseException.Reason.TRUNCATED, "STUN message needs 20 bytes, got " + length);
        }
        if (length > MAX_MESSAGE_BYTES) {
            throw new StunParseException(StunParseException.Reason.TOO_LARGE,
                    "STUN message of " + length + " bytes exceeds " + MAX_MESSAGE_BYTES);
        }
    }

    private static StunMessage parse(byte[] raw) throws StunParseException {
        if ((raw[0] & 0xC0) != 0 || getInt(raw, 4) != MAGIC_COOKIE) {
            throw new StunParseException(StunParseException.Reason.NOT_STUN, "no STUN header (leading bits or magic cookie)");
        }
        int bodyLength = getShort(raw, 2);
        if ((bodyLength & 3) != 0 || bodyLength + HEADER_BYTES != raw.length) {
            throw new StunParseException(StunParseException.Reason.BAD_LENGTH,
                    "length field " + bodyLength + " does not match datagram of " + raw.length + " bytes");
        }
        int[] types = new int[8];
        int[] offsets = new int[8];
        int[] lengths = new int[8];
        int count = 0;
        int visible = -1;
        int integrity = -1;
        int integrity256 = -1;
        int fingerprint = -1;
        int pos = HEADER_BYTES;
        while (pos < raw.length) {
            if (fingerprint >= 0) {
                throw new StunParseException(StunParseException.Reason.BAD_FINGERPRINT, "FINGERPRINT is not the last attribute");
            }
            if (raw.length - pos < 4) {
                throw new StunParseException(StunParseException.Reason.TRUNCATED, "attribute header truncated at " + pos);
            }
            int type = getShort(raw, pos);
            int valueLength = getShort(raw, pos + 2);
            int valueOffset = pos + 4;
            int padded = (valueLength + 3) & ~3;
            if (padded > raw.length - valueOffset) {
                throw new StunParseException(StunParseException.Reason.TRUNCATED,
                        "attribute 0x" + Integer.toHexString(type) + " of " + valueLength + " bytes overruns the message");
            }
            if (count == MAX_ATTRIBUTES) {
                throw new StunParseException(StunParseException.Reason.TOO_MANY_ATTRIBUTES, "more than " + MAX_ATTRIBUTES + " attributes");
            }
            validate(raw, type, valueOffset, valueLength);
            if (count == types.length) {
                types = java.util.Arrays.copyOf(types, count * 2);
                offsets = java.util.Arrays.copyOf(offsets, count * 2);
                lengths = java.util.Arrays.copyOf(lengths, count * 2);
            }
            types[count] = type;
            offsets[count] = valueOffset;
            lengths[count] = valueLength;
            if (type == StunAttributeType.MESSAGE_INTEGRITY && integrity < 0 && integrity256 < 0) {
                integrity = count;
                if (visible < 0) {
                    visible = count;
                }
            } else if (type == StunAttributeType.MESSAGE_INTEGRITY_SHA256 && integrity256 < 0) {
                integrity256 = count;
                if (visible < 0) {
                    visible = count;
                }
            } else if (type == StunAttributeType.FINGERPRINT) {
                fingerprint = count;
                if (visible < 0) {
                    visible = count;
                }
            }
            count++;
            pos = valueOffset + padded;
        }
        if (visible < 0) {
            visible = count;
        }
        StunMessage message = new StunMessage(raw, count, types, offsets, lengths, visible, integrity, integrity256, fingerprint);
        if (fingerprint >= 0 && !message.fingerprintMatches()) {
            throw new StunParseException(StunParseException.Reason.BAD_FINGERPRINT, "FINGERPRINT CRC mismatch");
        }
        return message;
    }

    private static void validate(byte[] raw, int type, int offset, int length) throws StunParseException {
        switch (type) {
            case StunAttributeType.MAPPED_ADDRESS, StunAttributeType.XOR_MAPPED_ADDRESS, StunAttributeType.ALTERNATE_SERVER -> {
                if (length < 4) {
                    throw badAttribute(type, "address shorter than 4 bytes");
                }
                int family = raw[offset + 1] & 0xFF;
                if (!(family == 1 && length == 8) && !(family == 2 && length == 20)) {
                    throw badAttribute(type, "family " + family + " with length " + length);
                }
            }
            case StunAttributeType.USERNAME -> requireAtMost(type, length, MAX_USERNAME_BYTES);
            case StunAttributeType.SOFTWARE -> requireAtMost(type, length, MAX_TEXT_BYTES);
            case StunAttributeType.MESSAGE_INTEGRITY -> requireExactly(type, length, 20);
            case StunAttributeType.MESSAGE_INTEGRITY_SHA256 -> {
                if (length < 16 || length > 32 || (length & 3) != 0) {
                    throw badAttribute(type, "length " + length + " is not 16..32 in steps of 4");
                }
            }
            case StunAttributeType.FINGERPRINT, StunAttributeType.PRIORITY -> requireExactly(type, length, 4);
            case StunAttributeType.USE_CANDIDATE -> requireExactly(type, length, 0);
            case StunAttributeType.ICE_CONTROLLED, StunAttributeType.ICE_CONTROLLING -> requireExactly(type, length, 8);
            case StunAttributeType.ERROR_CODE -> {
                if (length < 4 || length > 4 + MAX_TEXT_BYTES) {
                    throw badAttribute(type, "length " + length);
                }
                int errorClass = raw[offset + 2] & 0x07;
                int number = raw[offset + 3] & 0xFF;
                if (errorClass < 3 || errorClass > 6 || number > 99) {
                    throw badAttribute(type, "code " + errorClass + "/" + number + " outside 300..699");
                }
            }
            case StunAttributeType.UNKNOWN_ATTRIBUTES -> {
                if ((length & 1) != 0) {
                    throw badAttribute(type, "odd length " + length);
                }
            }
            default -> {
                // Unknown or opaque attributes are kept as raw bytes; the caller decides about 420.
            }
        }
    }

    private static void requireExactly(int type, int length, int expected) throws StunParseException {
        if (length != expected) {
            throw badAttribute(type, "length " + length + ", expected " + expected);
        }
    }

    private static void requireAtMost(int type, int length, int max) throws StunParseException {
        if (length > max) {
            throw badAttribute(type, "length " + length + " exceeds " + max);
        }
    }

    private static StunParseException badAttribute(int type, String detail) {
        return new StunParseException(StunParseException.Reason.BAD_ATTRIBUTE,
                "attribute 0x" + Integer.toHexString(type) + ": " + detail);
    }

    // ---- header ----

    public StunClass messageClass() {
        return messageClass;
    }

    /** The 12-bit method, e.g. {@link StunMethod#BINDING}. */
    public int method() {
        return method;
    }

    public StunTransactionId transactionId() {
        return transactionId;
    }

    /** Total size in bytes, header included. */
    public int sizeBytes() {
        return raw.length;
    }

    /** A copy of the encoded message. */
    public byte[] toByteArray() {
        return raw.clone();
    }

    /** True for a Binding request. */
    public boolean isBindingRequest() {
        return method == StunMethod.BINDING && messageClass == StunClass.REQUEST;
    }

    // ---- raw attribute access (every attribute, including those after MESSAGE-INTEGRITY) ----

    public int attributeCount() {
        return attributeCount;
    }

    public int attributeType(int index) {
        return attributeTypes[checkIndex(index)];
    }

    /** A copy of the unpadded value of attribute {@code index}. */
    public byte[] attributeValue(int index) {
        checkIndex(index);
        byte[] v = new byte[valueLengths[index]];
        System.arraycopy(raw, valueOffsets[index], v, 0, v.length);
        return v;
    }

    private int checkIndex(int index) {
        if (index < 0 || index >= attributeCount) {
            throw new IndexOutOfBoundsException(index);
        }
        return index;
    }

    /** True when a visible attribute (before MESSAGE-INTEGRITY) of {@code type} is present. */
    public boolean hasAttribute(int type) {
        return find(type) >= 0;
    }

    /** A copy of the first visible attribute of {@code type}, or null. */
    public byte[] attribute(int type) {
        int i = find(type);
        return i < 0 ? null : attributeValue(i);
    }

    private int find(int type) {
        for (int i = 0; i < visibleCount; i++) {
            if (attributeTypes[i] == type) {
                return i;
            }
        }
        return -1;
    }

    /** Comprehension-required attribute types this codec does not know (for a 420 answer). */
    public int[] unknownComprehensionRequired() {
        int[] unknown = new int[0];
        for (int i = 0; i < visibleCount; i++) {
            int t = attributeTypes[i];
            if (StunAttributeType.isComprehensionRequired(t) && !isKnown(t)) {
                unknown = java.util.Arrays.copyOf(unknown, unknown.length + 1);
                unknown[unknown.length - 1] = t;
            }
        }
        return unknown;
    }

    private static boolean isKnown(int type) {
        return switch (type) {
            case StunAttributeType.MAPPED_ADDRESS, StunAttributeType.USERNAME, StunAttributeType.MESSAGE_INTEGRITY,
                 StunAttributeType.ERROR_CODE, StunAttributeType.UNKNOWN_ATTRIBUTES, StunAttributeType.REALM,
                 StunAttributeType.NONCE, StunAttributeType.MESSAGE_INTEGRITY_SHA256, StunAttributeType.USERHASH,
                 StunAttributeType.XOR_MAPPED_ADDRESS, StunAttributeType.PRIORITY, StunAttributeType.USE_CANDIDATE -> true;
            default -> false;
        };
    }

    // ---- typed getters ----

    /** USERNAME (RFC 8489 §14.3) as UTF-8, or null. For ICE: {@code "receiverUfrag:senderUfrag"}. */
    public String username() {
        return text(StunAttributeType.USERNAME);
    }

    /** SOFTWARE (RFC 8489 §14.14), or null. */
    public String software() {
        return text(StunAttributeType.SOFTWARE);
    }

    private String text(int type) {
        int i = find(type);
        return i < 0 ? null : new String(raw, valueOffsets[i], valueLengths[i], StandardCharsets.UTF_8);
    }

    /**
     * XOR-MAPPED-ADDRESS (RFC 8489 §14.2), or null.
     *
     * <pre>
     *  |0 0 0 0 0 0 0 0|    Family     |         X-Port                |
     *  |                X-Address (Variable)
     * </pre>
     * X-Port is the port xor the cookie's high 16 bits; an IPv4 X-Address is xor the cookie, an IPv6
     * one xor the cookie followed by the transaction id.
     */
    public InetSocketAddress xorMappedAddress() {
        return address(find(StunAttributeType.XOR_MAPPED_ADDRESS), true);
    }

    /** MAPPED-ADDRESS (RFC 8489 §14.1), or null. Same layout as XOR-MAPPED-ADDRESS without the xor. */
    public InetSocketAddress mappedAddress() {
        return address(find(StunAttributeType.MAPPED_ADDRESS), false);
    }

    private InetSocketAddress address(int index, boolean xor) {
        if (index < 0) {
            return null;
        }
        int off = valueOffsets[index];
        int port = getShort(raw, off + 2);
        byte[] address = new byte[valueLengths[index] - 4];
        System.arraycopy(raw, off + 4, address, 0, address.length);
        if (xor) {
            port ^= MAGIC_COOKIE >>> 16;
            // Bytes 4..19 of the header are the cookie followed by the transaction id.
            for (int i = 0; i < address.length; i++) {
                address[i] ^= raw[4 + i];
            }
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(address), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("validated address length", e);
        }
    }

    /** PRIORITY (RFC 8445 §16.1) as an unsigned 32-bit value, or -1 when absent. */
    public long priority() {
        int i = find(StunAttributeType.PRIORITY);
        return i < 0 ? -1 : getInt(raw, valueOffsets[i]) & 0xFFFFFFFFL;
    }

    /** True when USE-CANDIDATE (RFC 8445 §16.1) is present. */
    public boolean useCandidate() {
        return find(StunAttributeType.USE_CANDIDATE) >= 0;
    }

    /** The tie-breaker of ICE-CONTROLLING (RFC 8445 §16.1), if present. */
    public OptionalLong iceControlling() {
        return tieBreaker(StunAttributeType.ICE_CONTROLLING);
    }

    /** The tie-breaker of ICE-CONTROLLED (RFC 8445 §16.1), if present. */
    public OptionalLong iceControlled() {
        return tieBreaker(StunAttributeType.ICE_CONTROLLED);
    }

    private OptionalLong tieBreaker(int type) {
        int i = find(type);
        if (i < 0) {
            return OptionalLong.empty();
        }
        long hi = getInt(raw, valueOffsets[i]) & 0xFFFFFFFFL;
        long lo = getInt(raw, valueOffsets[i] + 4) & 0xFFFFFFFFL;
        return OptionalLong.of((hi << 32) | lo);
    }

    /** ERROR-CODE (RFC 8489 §14.8), or null. */
    public StunErrorCode errorCode() {
        int i = find(StunAttributeType.ERROR_CODE);
        if (i < 0) {
            return null;
        }
        int off = valueOffsets[i];
        int code = (raw[off + 2] & 0x07) * 100 + (raw[off + 3] & 0xFF);
        return new StunErrorCode(code, new String(raw, off + 4, valueLengths[i] - 4, StandardCharsets.UTF_8));
    }

    /** UNKNOWN-ATTRIBUTES (RFC 8489 §14.9): the listed 16-bit types, or null when absent. */
    public int[] unknownAttributes() {
        int i = find(StunAttributeType.UNKNOWN_ATTRIBUTES);
        if (i < 0) {
            return null;
        }
        int[] types = new int[valueLengths[i] / 2];
        for (int k = 0; k < types.length; k++) {
            types[k] = getShort(raw, valueOffsets[i] + 2 * k);
        }
        return types;
    }

    // ---- integrity and fingerprint ----

    public boolean hasMessageIntegrity() {
        return integrityIndex >= 0;
    }

    public boolean hasMessageIntegritySha256() {
        return integritySha256Index >= 0;
    }

    public boolean hasFingerprint() {
        return fingerprintIndex >= 0;
    }

    /**
     * Checks MESSAGE-INTEGRITY (RFC 8489 §14.5): HMAC-SHA1 with {@code key} over the message up to
     * the attribute, with the header length adjusted to end just after it. For short-term credentials
     * (ICE) the key is the password's UTF-8 bytes. False when the attribute is absent.
     */
    public boolean verifyMessageIntegrity(byte[] key) {
        if (integrityIndex < 0) {
            return false;
        }
        Mac mac = StunCrypto.hmacSha1(key);
        byte[] expected = hmac(mac, integrityIndex);
        return constantTimeEquals(expected, raw, valueOffsets[integrityIndex], 20);
    }

    /**
     * Checks MESSAGE-INTEGRITY-SHA256 (RFC 8489 §14.6), accepting a truncated value of 16..32 bytes.
     * False when the attribute is absent.
     */
    public boolean verifyMessageIntegritySha256(byte[] key) {
        if (integritySha256Index < 0) {
            return false;
        }
        Mac mac = StunCrypto.hmacSha256(key);
        byte[] expected = hmac(mac, integritySha256Index);
        int off = valueOffsets[integritySha256Index];
        int len = valueLengths[integritySha256Index];
        return constantTimeEquals(expected, raw, off, len);
    }

    /** Compares the first {@code length} bytes of {@code expected} with {@code actual} at {@code offset}, in constant time. */
    private static boolean constantTimeEquals(byte[] expected, byte[] actual, int offset, int length) {
        int diff = 0;
        for (int i = 0; i < length; i++) {
            diff |= expected[i] ^ actual[offset + i];
        }
        return diff == 0;
    }

    private byte[] hmac(Mac mac, int attributeIndex) {
        int attributeStart = valueOffsets[attributeIndex] - 4;
        int adjustedLength = attributeStart + 4 + valueLengths[attributeIndex] - HEADER_BYTES;
        mac.update(raw, 0, 2);
        mac.update((byte) (adjustedLength >>> 8));
        mac.update((byte) adjustedLength);
        mac.update(raw, 4, attributeStart - 4);
        return mac.doFinal();
    }

    private boolean fingerprintMatches() {
        int attributeStart = valueOffsets[fingerprintIndex] - 4;
        int adjustedLength = attributeStart + 8 - HEADER_BYTES;
        CRC32 crc = StunCrypto.crc32();
        crc.update(raw, 0, 2);
        crc.update(adjustedLength >>> 8);
        crc.update(adjustedLength & 0xFF);
        crc.update(raw, 4, attributeStart - 4);
        int expected = (int) crc.getValue() ^ FINGERPRINT_XOR;
        return expected == getInt(raw, valueOffsets[fingerprintIndex]);
    }

    static int getShort(byte[] b, int off) {
        return ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
    }

    static int getInt(byte[] b, int off) {
        return ((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("StunMessage[").append(messageClass).append(" method=0x")
                .append(Integer.toHexString(method)).append(" tid=").append(transactionId).append(" attrs=");
        for (int i = 0; i < attributeCount; i++) {
            sb.append(i == 0 ? "" : ",").append("0x").append(Integer.toHexString(attributeTypes[i]));
        }
        return sb.append(']').toString();
    }
}
