package dev.netcode.webrtc.turn.internal;

import dev.netcode.webrtc.stun.StunMessage;
import dev.netcode.webrtc.turn.TurnParseException;
import io.netty.buffer.ByteBuf;

/**
 * Finds message boundaries in the TCP byte stream to a TURN server (RFC 8656 §3.1, like RFC 4571
 * but self-delimiting): STUN messages (20-byte header + Length) and ChannelData messages (4-byte
 * header + Length, padded to 4) follow each other with nothing in between.
 *
 * <pre>
 *   ... | STUN hdr(20) | attrs (Length) | ChanNum | Len | data | pad | STUN hdr ... 
 * </pre>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Any other first byte means the stream is out of sync: there is no way to resynchronise, the
 *       connection must be closed.</li>
 *   <li>Frames are bounded by the 16-bit length fields (at most 65,556 bytes), so a decoder never
 *       buffers more than one frame plus a header.</li>
 * </ul>
 */
public final class TurnStreamFramer {
    /** Largest frame: a STUN header plus a 65,535-byte body rounded to 4. */
    public static final int MAX_FRAME_BYTES = StunMessage.HEADER_BYTES + 65536;

    private TurnStreamFramer() {
    }

    /**
     * Length of the frame at {@code in}'s reader index (indexes unchanged), or -1 when more bytes are
     * needed to know.
     */
    public static int frameLength(ByteBuf in) throws TurnParseException {
        if (in.readableBytes() < 4) {
            return -1;
        }
        int r = in.readerIndex();
        int first = in.getUnsignedByte(r);
        int length = in.getUnsignedShort(r + 2);
        if (first <= 3) {
            if ((length & 3) != 0) {
                throw new TurnParseException("STUN length " + length + " not a multiple of 4 on the TCP stream");
            }
            return StunMessage.HEADER_BYTES + length;
        }
        if (ChannelData.isChannelData(first)) {
            return ChannelData.HEADER_BYTES + ((length + 3) & ~3);
        }
        throw new TurnParseException("byte 0x" + Integer.toHexString(first) + " starts neither STUN nor ChannelData: stream out of sync");
    }
}
