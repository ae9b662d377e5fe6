package dev.netcode.webrtc.datachannel;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;

/**
 * DATA_CHANNEL_ACK (RFC 8832 §5.2): the reply to a {@link DataChannelOpen}, sent on the same
 * stream with PPID 50. One byte:
 *
 * <pre>
 *    0 1 2 3 4 5 6 7
 *   +-+-+-+-+-+-+-+-+
 *   |  Message Type |   0x02
 *   +-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Per RFC 8832 §6 any data message received on the stream after the OPEN also implies the
 *       ACK: the opener must not wait for the ACK to consider the channel open.</li>
 * </ul>
 */
public record DataChannelAck() implements DcepMessage {
    /** The only ACK there is. */
    public static final DataChannelAck INSTANCE = new DataChannelAck();
    /** Encoded size in bytes. */
    public static final int LENGTH_BYTES = 1;

    @Override
    public int messageType() {
        return TYPE_ACK;
    }

    @Override
    public int encodedLength() {
        return LENGTH_BYTES;
    }

    @Override
    public void encode(ByteBuffer out) {
        if (out.remaining() < LENGTH_BYTES) {
            throw new BufferOverflowException();
        }
        out.put((byte) TYPE_ACK);
    }

    /** Decodes an ACK from {@code message}'s remaining bytes (exactly one, 0x02). */
    public static DataChannelAck decode(ByteBuffer message) throws DcepException {
        int remaining = message.remaining();
        if (remaining == 0) {
            throw new DcepException(DcepException.Kind.EMPTY, "empty DCEP message");
        }
        int type = message.get(message.position()) & 0xff;
        if (type != TYPE_ACK) {
            throw new DcepException(DcepException.Kind.UNKNOWN_MESSAGE_TYPE,
                    String.format("expected DATA_CHANNEL_ACK (0x02), got 0x%02x", type));
        }
        if (remaining != LENGTH_BYTES) {
            throw new DcepException(DcepException.Kind.TRAILING_BYTES,
                    "DATA_CHANNEL_ACK is 1 byte, got " + remaining);
        }
        message.position(message.limit());
        return INSTANCE;
    }
}
