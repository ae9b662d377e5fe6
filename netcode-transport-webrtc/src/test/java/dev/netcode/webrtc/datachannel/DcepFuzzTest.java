package dev.netcode.webrtc.datachannel;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;

/**
 * DCEP decoding of hostile SCTP payloads: only {@link DcepException} may escape; whatever decodes
 * re-encodes to a message that decodes equal, and an OPEN maps to valid channel parameters.
 */
class DcepFuzzTest {

    @FuzzTest(maxDuration = "15s")
    void decodeNeverFailsOtherwise(byte[] input) throws DcepException {
        ByteBuffer in = ByteBuffer.wrap(input);
        DcepMessage message;
        try {
            message = DcepMessage.decode(in);
        } catch (DcepException expected) {
            assertThat(in.position()).isZero();
            return;
        }
        assertThat(in.hasRemaining()).isFalse();
        ByteBuffer encoded = message.encode();
        assertThat(encoded.remaining()).isEqualTo(input.length);
        assertThat(DcepMessage.decode(encoded)).isEqualTo(message);
        if (message instanceof DataChannelOpen open) {
            DataChannelParameters p = DataChannelParameters.fromOpen(open);
            assertThat(p.ordered()).isEqualTo(open.isOrdered());
            assertThat(p.toOpen(open.label()).channelType()).isEqualTo(open.channelType());
        }
    }
}
