package dev.netcode.webrtc.turn.internal;

import dev.netcode.webrtc.turn.TurnParseException;
import io.netty.buffer.ByteBuf;

/**
 * The ChannelData message (RFC 8656 §12.4): application data to or from a peer bound to a channel,
 * with a 4-byte header instead of the 36+ bytes of a Send/Data indication.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |         Channel Number        |            Length             |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                                                               |
 *  /                       Application Data                        /
 *  /                                                               /
 *  |                                                               |
 *  |                               +-------------------------------+
 *  |                               |
 *  +-------------------------------+
 * </pre>
 *
 * Channel numbers are 0x4000..0x4FFF (§12); the first byte therefore tells ChannelData (0x40..0x4F)
 * from STUN (0x00..0x03). Over UDP padding is optional; over TCP the message is padded to a multiple
 * of 4 bytes and the padding is not counted in Length (§12.5).
 */
public final class ChannelData {
    public static final int HEADER_BYTES = 4;
    public static final int MIN_CHANNEL = 0x4000;
    public static final int MAX_CHANNEL = 0x4FFF;

    private ChannelData() {
    }

    /** True when {@code firstByte} (0..255) starts a ChannelData message. */
    public static boolean isChannelData(int firstByte) {
        return firstByte >= 0x40 && firstByte <= 0x4F;
    }

    /** Writes the header for {@code length} data bytes. */
    public static void writeHeader(ByteBuf out, int channel, int length) {
        out.writeShort(channel);
        out.writeShort(length);
    }

    /** Writes zero padding after a {@code length}-byte payload (TCP). */
    public static void writePadding(ByteBuf out, int length) {
        for (int i = length; (i & 3) != 0; i++) {
            out.writeByte(0);
        }
    }

    /** The channel number of the message at {@code buf}'s reader index, validated. */
    public static int channel(ByteBuf buf) throws TurnParseException {
        if (buf.readableBytes() < HEADER_BYTES) {
            throw new TurnParseException("ChannelData shorter than its 4-byte header");
        }
        int channel = buf.getUnsignedShort(buf.readerIndex());
        if (channel < MIN_CHANNEL || channel > MAX_CHANNEL) {
            throw new TurnParseException("channel number 0x" + Integer.toHexString(channel) + " outside 0x4000..0x4FFF");
        }
        return channel;
    }

    /**
     * The data length of the datagram-carried message at the reader index; bytes beyond it (UDP
     * padding) are allowed, fewer are an error.
     */
    public static int dataLength(ByteBuf buf) throws TurnParseException {
        channel(buf);
        int length = buf.getUnsignedShort(buf.readerIndex() + 2);
        if (length > buf.readableBytes() - HEADER_BYTES) {
            throw new TurnParseException("ChannelData length " + length + " exceeds the " + (buf.readableBytes() - HEADER_BYTES)
                    + " bytes received");
        }
        return length;
    }
}
