package dev.netcode.webrtc.stun;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * The STUN decoder on hostile datagrams: either {@link StunParseException} or a message whose every
 * getter works and whose attributes re-encode to the same bytes (padding aside).
 */
class StunMessageFuzzTest {
    private static final byte[] KEY = "fuzz-password".getBytes(StandardCharsets.UTF_8);

    @FuzzTest(maxDuration = "15s")
    void decodeNeverFailsOtherwise(byte[] input) {
        // Give the fuzzer a head start past the header: half of the inputs get a valid-looking one.
        if (input.length >= 20 && (input[0] & 1) == 1) {
            input[0] &= 0x3F;
            input[4] = 0x21;
            input[5] = 0x12;
            input[6] = (byte) 0xA4;
            input[7] = 0x42;
            int body = input.length - 20;
            input[2] = (byte) (body >>> 8);
            input[3] = (byte) body;
        }
        StunMessage m;
        try {
            m = StunMessage.decode(input);
        } catch (StunParseException expected) {
            return;
        }
        m.username();
        m.software();
        m.xorMappedAddress();
        m.mappedAddress();
        m.priority();
        m.useCandidate();
        m.iceControlled();
        m.iceControlling();
        m.errorCode();
        m.unknownAttributes();
        m.unknownComprehensionRequired();
        m.verifyMessageIntegrity(KEY);
        m.verifyMessageIntegritySha256(KEY);

        ByteBuf buf = Unpooled.buffer();
        StunMessageWriter w = new StunMessageWriter().begin(buf, m.messageClass(), m.method(), m.transactionId());
        for (int i = 0; i < m.attributeCount(); i++) {
            w.attribute(m.attributeType(i), m.attributeValue(i));
        }
        w.finish();
        StunMessage again;
        try {
            again = StunMessage.decode(ByteBufUtil.getBytes(buf));
        } catch (StunParseException e) {
            throw new AssertionError("re-encoded message no longer decodes: " + e.getMessage(), e);
        } finally {
            buf.release();
        }
        assertThat(again.attributeCount()).isEqualTo(m.attributeCount());
        assertThat(again.transactionId()).isEqualTo(m.transactionId());
        assertThat(again.method()).isEqualTo(m.method());
        assertThat(again.messageClass()).isEqualTo(m.messageClass());
    }
}
