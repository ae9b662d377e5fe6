package dev.netcode.webrtc.turn.internal;

import dev.netcode.webrtc.turn.TurnParseException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits the TCP stream from a TURN server into STUN and ChannelData frames
 * ({@link TurnStreamFramer}); emits one retained slice per frame. A frame that cannot start a
 * message closes the connection: the stream cannot be resynchronised.
 */
public final class TurnStreamDecoder extends ByteToMessageDecoder {
    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (true) {
            int length;
            try {
                length = TurnStreamFramer.frameLength(in);
            } catch (TurnParseException e) {
                in.skipBytes(in.readableBytes());
                ctx.close();
                return;
            }
            if (length < 0 || in.readableBytes() < length) {
                return;
            }
            out.add(in.readRetainedSlice(length));
        }
    }
}
