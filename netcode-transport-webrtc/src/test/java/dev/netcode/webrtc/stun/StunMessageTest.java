package dev.netcode.webrtc.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StunMessageTest {
    private static final long SEED = 4242L;
    private final Random random = new Random(SEED);

    private byte[] encode(java.util.function.Consumer<StunMessageWriter> body, StunClass cls) {
        ByteBuf buf = Unpooled.buffer();
        StunMessageWriter w = new StunMessageWriter().begin(buf, cls, StunMethod.BINDING, StunTransactionId.random(random));
        body.accept(w);
        w.finish();
        byte[] b = ByteBufUtil.getBytes(buf);
        buf.release();
        return b;
    }

    @Test
    void errorResponseRoundTrips() throws Exception {
        byte[] b = encode(w -> w.errorCode(StunErrorCode.ROLE_CONFLICT).unknownAttributes(0x0042, 0x0043)
                .messageIntegrity("pw").fingerprint(), StunClass.ERROR_RESPONSE);
        StunMessage m = StunMessage.decode(b);
        assertThat(m.messageClass()).isEqualTo(StunClass.ERROR_RESPONSE);
        assertThat(m.errorCode()).isEqualTo(StunErrorCode.ROLE_CONFLICT);
        assertThat(m.unknownAttributes()).containsExactly(0x0042, 0x0043);
        assertThat(m.verifyMessageIntegrity("pw".getBytes(StandardCharsets.UTF_8))).isTrue();
    }

    @Test
    void iceAttributesRoundTrip() throws Exception {
        InetSocketAddress mapped = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 54321);
        byte[] b = encode(w -> w.username("abcd:efgh").priority(0xFFFFFFFFL).useCandidate().iceControlling(-2L)
                .mappedAddress(mapped).xorMappedAddress(mapped).messageIntegrity("secret")
                .messageIntegritySha256("secret".getBytes(StandardCharsets.UTF_8)).fingerprint(), StunClass.REQUEST);
        StunMessage m = StunMessage.decode(b);
        assertThat(m.isBindingRequest()).isTrue();
        assertThat(m.username()).isEqualTo("abcd:efgh");
        assertThat(m.priority()).isEqualTo(0xFFFFFFFFL);
        assertThat(m.useCandidate()).isTrue();
        assertThat(m.iceControlling()).hasValue(-2L);
        assertThat(m.mappedAddress()).isEqualTo(mapped);
        assertThat(m.xorMappedAddress()).isEqualTo(mapped);
        assertThat(m.verifyMessageIntegrity("secret".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(m.verifyMessageIntegritySha256("secret".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(m.verifyMessageIntegritySha256("other".getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    @Test
    void attributesAfterIntegrityAreIgnored() throws Exception {
        byte[] b = encode(w -> w.messageIntegrity("pw").username("late"), StunClass.REQUEST);
        StunMessage m = StunMessage.decode(b);
        assertThat(m.username()).isNull();
        assertThat(m.attributeCount()).isEqualTo(2);
    }

    @Test
    void tamperedFingerprintIsRejected() {
        byte[] b = encode(w -> w.software("x").fingerprint(), StunClass.INDICATION);
        b[b.length - 1] ^= 1;
        assertThatThrownBy(() -> StunMessage.decode(b)).isInstanceOfSatisfying(StunParseException.class,
                e -> assertThat(e.reason()).isEqualTo(StunParseException.Reason.BAD_FINGERPRINT));
    }

    @Test
    void tamperedBodyFailsIntegrity() throws Exception {
        byte[] b = encode(w -> w.username("abcd:efgh").messageIntegrity("pw"), StunClass.REQUEST);
        b[25] ^= 1;
        assertThat(StunMessage.decode(b).verifyMessageIntegrity("pw".getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    @Test
    void malformedInputGivesTypedReasons() {
        byte[] ok = encode(w -> w.priority(1), StunClass.REQUEST);
        assertReason(new byte[19], StunParseException.Reason.TRUNCATED);
        assertReason(new byte[StunMessage.MAX_MESSAGE_BYTES + 1], StunParseException.Reason.TOO_LARGE);
        byte[] rtp = ok.clone();
        rtp[0] = (byte) 0x80; // leading bits 10: RTP/RTCP per RFC 7983, never STUN
        assertReason(rtp, StunParseException.Reason.NOT_STUN);
        byte[] noCookie = ok.clone();
        noCookie[4] = 0;
        assertReason(noCookie, StunParseException.Reason.NOT_STUN);
        byte[] longer = java.util.Arrays.copyOf(ok, ok.length + 4);
        assertReason(longer, StunParseException.Reason.BAD_LENGTH);
        byte[] badPriority = ok.clone();
        badPriority[23] = 3; // PRIORITY length 3
        assertReason(badPriority, StunParseException.Reason.BAD_ATTRIBUTE);
        byte[] overrun = ok.clone();
        overrun[23] = 9;
        assertReason(overrun, StunParseException.Reason.TRUNCATED);
    }

    @Test
    void tooManyAttributesRejected() {
        byte[] b = encode(w -> {
            for (int i = 0; i < StunMessage.MAX_ATTRIBUTES + 1; i++) {
                w.attribute(0x8050, new byte[0]);
            }
        }, StunClass.INDICATION);
        assertReason(b, StunParseException.Reason.TOO_MANY_ATTRIBUTES);
    }

    @Test
    void unknownComprehensionRequiredAttributesAreReported() throws Exception {
        byte[] b = encode(w -> w.attribute(0x0042, new byte[] {1, 2, 3}).attribute(0x8042, new byte[1]), StunClass.REQUEST);
        StunMessage m = StunMessage.decode(b);
        assertThat(m.unknownComprehensionRequired()).containsExactly(0x0042);
        assertThat(m.attribute(0x0042)).containsExactly(1, 2, 3);
    }

    @Test
    void demuxFastPath() {
        assertThat(StunMessage.looksLikeStun(0, StunMessage.MAGIC_COOKIE)).isTrue();
        assertThat(StunMessage.looksLikeStun(3, StunMessage.MAGIC_COOKIE)).isTrue();
        assertThat(StunMessage.looksLikeStun(20, StunMessage.MAGIC_COOKIE)).isFalse();
        assertThat(StunMessage.looksLikeStun(0, 0)).isFalse();
        assertThat(StunMessage.looksLikeStun(Unpooled.wrappedBuffer(new byte[10]))).isFalse();
    }

    @Test
    void writerRefusesAttributesAfterFingerprint() {
        ByteBuf buf = Unpooled.buffer();
        StunMessageWriter w = new StunMessageWriter().begin(buf, StunClass.REQUEST, StunMethod.BINDING, StunTransactionId.random(random))
                .fingerprint();
        assertThatThrownBy(() -> w.software("x")).isInstanceOf(IllegalStateException.class);
        buf.release();
    }

    private static void assertReason(byte[] input, StunParseException.Reason reason) {
        assertThatThrownBy(() -> StunMessage.decode(input)).isInstanceOfSatisfying(StunParseException.class,
                e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
