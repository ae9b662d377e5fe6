package dev.netcode.webrtc.turn;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.netcode.webrtc.stun.StunTransactionId;
import dev.netcode.webrtc.turn.internal.TurnAttributes;
import dev.netcode.webrtc.turn.internal.TurnInbound;
import dev.netcode.webrtc.turn.internal.TurnStreamFramer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Hostile TURN server bytes: as one datagram, as a TCP stream cut into frames, and as raw TURN
 * attribute values. Only TurnParseException may result; results stay inside the input.
 */
class TurnInboundFuzzTest {
    private static final StunTransactionId TID = StunTransactionId.of(new byte[12]);

    @FuzzTest(maxDuration = "15s")
    void turnParsingIsBounded(byte[] input) {
        ByteBuf datagram = Unpooled.wrappedBuffer(input);
        classify(datagram);
        assertThat(datagram.readerIndex()).isZero();

        ByteBuf stream = Unpooled.wrappedBuffer(input);
        while (stream.isReadable()) {
            int length;
            try {
                length = TurnStreamFramer.frameLength(stream);
            } catch (TurnParseException e) {
                break;
            }
            if (length < 0 || length > stream.readableBytes()) {
                break;
            }
            assertThat(length).isPositive().isLessThanOrEqualTo(TurnStreamFramer.MAX_FRAME_BYTES);
            classify(stream.readSlice(length));
        }

        try {
            TurnAttributes.decodeXorAddress(input, TID);
        } catch (TurnParseException expected) {
            // typed rejection
        }
        try {
            assertThat(TurnAttributes.decodeLifetime(input)).isBetween(0L, 0xFFFFFFFFL);
        } catch (TurnParseException expected) {
            // typed rejection
        }
        try {
            TurnAttributes.decodeText(input, "REALM");
        } catch (TurnParseException expected) {
            // typed rejection
        }
    }

    private static void classify(ByteBuf frame) {
        TurnInbound in;
        try {
            in = TurnInbound.decode(frame);
        } catch (TurnParseException expected) {
            return;
        }
        if (in.kind() == TurnInbound.Kind.CHANNEL_DATA) {
            assertThat(in.channel()).isBetween(0x4000, 0x4FFF);
            assertThat(in.channelData().readableBytes()).isLessThanOrEqualTo(frame.readableBytes() - 4);
        } else if (in.kind() == TurnInbound.Kind.DATA_INDICATION) {
            assertThat(in.peer()).isNotNull();
            assertThat(in.data().length).isLessThan(frame.readableBytes());
        }
    }
}
