package dev.netcode.webrtc.datachannel;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;

/**
 * A Data Channel Establishment Protocol message (RFC 8832 §5), carried in one SCTP user message
 * with PPID {@link Ppid#DCEP} (50) on the stream of the channel it opens. The first byte is the
 * message type (RFC 8832 §8):
 *
 * <pre>
 *   0x00, 0x01  reserved
 *   0x02        DATA_CHANNEL_ACK   ({@link DataChannelAck})
 *   0x03        DATA_CHANNEL_OPEN  ({@link DataChannelOpen})
 *   0x04-0xfe   unassigned
 *   0xff        reserved
 * </pre>
 *
 * <pre>{@code
 * DcepMessage msg = DcepMessage.decode(payload);          // DcepException on bad input
 * if (msg instanceof DataChannelOpen open) { ... reply with DataChannelAck.INSTANCE ... }
 * }</pre>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>A DCEP payload is one whole SCTP user message: {@link #decode} reads every remaining byte
 *       of the buffer and rejects trailing bytes.</li>
 *   <li>Until the ACK arrives, the opener must send its data messages ordered (RFC 8832 §6) so the
 *       OPEN is delivered first; that rule lives in the channel, not here.</li>
 * </ul>
 */
public sealed interface DcepMessage permits DataChannelOpen, DataChannelAck {
    /** RFC 8832 §8. */
    int TYPE_ACK = 0x02;
    /** RFC 8832 §8. */
    int TYPE_OPEN = 0x03;

    /** The message type byte. */
    int messageType();

    /** Bytes {@link #encode(ByteBuffer)} writes. */
    int encodedLength();

    /**
     * Writes the message at {@code out}'s position and advances it.
     *
     * @throws BufferOverflowException if fewer than {@link #encodedLength()} bytes remain; nothing is written then
     */
    void encode(ByteBuffer out);

    /** The message in a new heap buffer, position 0, limit at its end. */
    default ByteBuffer encode() {
        ByteBuffer out = ByteBuffer.allocate(encodedLength());
        encode(out);
        return out.flip();
    }

    /**
     * Decodes the message in {@code message}'s remaining bytes and, on success, advances the
     * position to the limit. On failure the position is unchanged.
     */
    static DcepMessage decode(ByteBuffer message) throws DcepException {
        if (!message.hasRemaining()) {
            throw new DcepException(DcepException.Kind.EMPTY, "empty DCEP message");
        }
        int type = message.get(message.position()) & 0xff;
        switch (type) {
            case TYPE_OPEN:
                return DataChannelOpen.decode(message);
            case TYPE_ACK:
                return DataChannelAck.decode(message);
            default:
                throw new DcepException(DcepException.Kind.UNKNOWN_MESSAGE_TYPE,
                        String.format("unknown DCEP message type 0x%02x", type));
        }
    }
}
