package dev.netcode.webrtc.datachannel;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * DATA_CHANNEL_OPEN (RFC 8832 §5.1): sent by the side that opens a channel, as the first message
 * on the channel's stream, with PPID {@link Ppid#DCEP}. All integers are in network byte order:
 *
 * <pre>
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |  Message Type |  Channel Type |            Priority           |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                    Reliability Parameter                      |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |         Label Length          |       Protocol Length         |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   \                                                               /
 *   |                             Label                             |
 *   /                                                               \
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   \                                                               /
 *   |                            Protocol                           |
 *   /                                                               \
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 *   Message Type           0x03
 *   Channel Type           see {@link DataChannelType}
 *   Priority               see {@link DataChannelPriority}
 *   Reliability Parameter  0 for reliable types; retransmissions (REXMIT) or milliseconds (TIMED)
 *   Label / Protocol       UTF-8, not NUL-terminated, no padding; lengths in bytes
 * </pre>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>The label and protocol lengths come from the peer: they are checked against the bytes
 *       actually present, and the message must end exactly after the protocol.</li>
 *   <li>For the reliable channel types RFC 8832 §5.1 has the sender write 0 as reliability
 *       parameter and the receiver disregard the field: the constructor stores 0, so a decoded
 *       message may re-encode to different bytes but to an equal message.</li>
 *   <li>The reliability parameter is an unsigned 32-bit number ({@code long} here); W3C's
 *       {@code maxRetransmits}/{@code maxPacketLifeTime} are 16-bit, see
 *       {@link DataChannelParameters#fromOpen}.</li>
 * </ul>
 *
 * @param channelType          channel type byte
 * @param priority             the raw 16-bit priority (0..65535)
 * @param reliabilityParameter 0..4294967295
 * @param label                the channel label (at most 65535 UTF-8 bytes)
 * @param protocol             the subprotocol, "" for none (at most 65535 UTF-8 bytes)
 */
public record DataChannelOpen(DataChannelType channelType, int priority, long reliabilityParameter, String label,
        String protocol) implements DcepMessage {
    /** Fixed part before the label: type, channel type, priority, reliability, two lengths. */
    public static final int HEADER_LENGTH_BYTES = 12;
    /** Label and protocol lengths are 16-bit fields. */
    public static final int MAX_STRING_BYTES = 0xffff;

    public DataChannelOpen {
        Objects.requireNonNull(channelType, "channelType");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(protocol, "protocol");
        if (priority < 0 || priority > 0xffff) {
            throw new IllegalArgumentException("priority must be 0..65535, got " + priority);
        }
        if (reliabilityParameter < 0 || reliabilityParameter > 0xffffffffL) {
            throw new IllegalArgumentException("reliability parameter must be 0..4294967295, got " + reliabilityParameter);
        }
        if (channelType.isReliable()) {
            reliabilityParameter = 0;
        }
        checkUtf8Length("label", label);
        checkUtf8Length("protocol", protocol);
    }

    @Override
    public int messageType() {
        return TYPE_OPEN;
    }

    public boolean isOrdered() {
        return channelType.isOrdered();
    }

    @Override
    public int encodedLength() {
        return HEADER_LENGTH_BYTES + utf8Length(label) + utf8Length(protocol);
    }

    @Override
    public void encode(ByteBuffer out) {
        byte[] l = label.getBytes(StandardCharsets.UTF_8);
        byte[] p = protocol.getBytes(StandardCharsets.UTF_8);
        if (out.remaining() < HEADER_LENGTH_BYTES + l.length + p.length) {
            throw new BufferOverflowException();
        }
        // Byte by byte: network order whatever out.order() is (a little-endian buffer must not flip fields).
        out.put((byte) TYPE_OPEN);
        out.put((byte) channelType.code());
        putU16(out, priority);
        putU16(out, (int) (reliabilityParameter >>> 16));
        putU16(out, (int) reliabilityParameter);
        putU16(out, l.length);
        putU16(out, p.length);
        out.put(l);
        out.put(p);
    }

    /**
     * Decodes an OPEN from {@code message}'s remaining bytes; on success the position moves to
     * the limit, on failure it is unchanged. Byte order is always big-endian, whatever
     * {@code message.order()} says.
     */
    public static DataChannelOpen decode(ByteBuffer message) throws DcepException {
        int start = message.position();
        int remaining = message.remaining();
        if (remaining == 0) {
            throw new DcepException(DcepException.Kind.EMPTY, "empty DCEP message");
        }
        int type = message.get(start) & 0xff;
        if (type != TYPE_OPEN) {
            throw new DcepException(DcepException.Kind.UNKNOWN_MESSAGE_TYPE,
                    String.format("expected DATA_CHANNEL_OPEN (0x03), got 0x%02x", type));
        }
        if (remaining < HEADER_LENGTH_BYTES) {
            throw new DcepException(DcepException.Kind.TRUNCATED,
                    "DATA_CHANNEL_OPEN needs " + HEADER_LENGTH_BYTES + " header bytes, got " + remaining);
        }
        int channelTypeCode = message.get(start + 1) & 0xff;
        DataChannelType channelType = DataChannelType.fromCode(channelTypeCode)
                .orElseThrow(() -> new DcepException(DcepException.Kind.UNKNOWN_CHANNEL_TYPE,
                        String.format("unknown DATA_CHANNEL_OPEN channel type 0x%02x", channelTypeCode)));
        int priority = u16(message, start + 2);
        long reliability = (long) u16(message, start + 4) << 16 | u16(message, start + 6);
        int labelLength = u16(message, start + 8);
        int protocolLength = u16(message, start + 10);
        int expected = HEADER_LENGTH_BYTES + labelLength + protocolLength;
        if (remaining < expected) {
            throw new DcepException(DcepException.Kind.TRUNCATED, "DATA_CHANNEL_OPEN declares label length "
                    + labelLength + " and protocol length " + protocolLength + " but carries only "
                    + (remaining - HEADER_LENGTH_BYTES) + " bytes after the header");
        }
        if (remaining > expected) {
            throw new DcepException(DcepException.Kind.TRAILING_BYTES, "DATA_CHANNEL_OPEN has "
                    + (remaining - expected) + " bytes after the protocol");
        }
        String label = utf8(message, start + HEADER_LENGTH_BYTES, labelLength, "label");
        String protocol = utf8(message, start + HEADER_LENGTH_BYTES + labelLength, protocolLength, "protocol");
        message.position(message.limit());
        return new DataChannelOpen(channelType, priority, reliability, label, protocol);
    }

    private static void putU16(ByteBuffer out, int value) {
        out.put((byte) (value >>> 8));
        out.put((byte) value);
    }

    private static int u16(ByteBuffer b, int at) {
        return (b.get(at) & 0xff) << 8 | b.get(at + 1) & 0xff;
    }

    private static String utf8(ByteBuffer message, int at, int length, String what) throws DcepException {
        ByteBuffer slice = message.duplicate();
        slice.limit(at + length).position(at);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(slice).toString();
        } catch (CharacterCodingException e) {
            throw new DcepException(DcepException.Kind.INVALID_UTF8, "DATA_CHANNEL_OPEN " + what + " is not valid UTF-8");
        }
    }

    /** UTF-8 length of a string that {@link #checkUtf8Length} accepted. */
    static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /**
     * Rejects strings that do not encode losslessly (lone surrogates) or exceed the 16-bit length
     * field, so that whatever is built here decodes back equal.
     */
    static void checkUtf8Length(String what, String s) {
        if (s.length() > MAX_STRING_BYTES) { // chars <= bytes: too long without encoding it
            throw new IllegalArgumentException(what + " is more than " + MAX_STRING_BYTES + " UTF-8 bytes");
        }
        try {
            StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(s));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(what + " is not encodable as UTF-8 (lone surrogate?)");
        }
        int n = utf8Length(s);
        if (n > MAX_STRING_BYTES) {
            throw new IllegalArgumentException(what + " is " + n + " UTF-8 bytes, more than " + MAX_STRING_BYTES);
        }
    }
}
