package dev.netcode.webrtc.stun;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** RFC 5769 "Test Vectors for STUN": decode, authenticate, and re-encode byte for byte. */
class Rfc5769VectorsTest {

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("\\s+", ""));
    }

    /** §2.1 Sample Request. */
    static final byte[] REQUEST = hex("""
            00 01 00 58 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae
            80 22 00 10 53 54 55 4e 20 74 65 73 74 20 63 6c 69 65 6e 74
            00 24 00 04 6e 00 01 ff
            80 29 00 08 93 2f f9 b1 51 26 3b 36
            00 06 00 09 65 76 74 6a 3a 68 36 76 59 20 20 20
            00 08 00 14 9a ea a7 0c bf d8 cb 56 78 1e f2 b5 b2 d3 f2 49 c1 b5 71 a2
            80 28 00 04 e5 7a 3b cf
            """);

    /** §2.2 Sample IPv4 Response. */
    static final byte[] RESPONSE_V4 = hex("""
            01 01 00 3c 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae
            80 22 00 0b 74 65 73 74 20 76 65 63 74 6f 72 20
            00 20 00 08 00 01 a1 47 e1 12 a6 43
            00 08 00 14 2b 91 f5 99 fd 9e 90 c3 8c 74 89 f9 2a f9 ba 53 f0 6b e7 d7
            80 28 00 04 c0 7d 4c 96
            """);

    /** §2.3 Sample IPv6 Response. */
    static final byte[] RESPONSE_V6 = hex("""
            01 01 00 48 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae
            80 22 00 0b 74 65 73 74 20 76 65 63 74 6f 72 20
            00 20 00 14 00 02 a1 47 01 13 a9 fa a5 d3 f1 79 bc 25 f4 b5 be d2 b9 d9
            00 08 00 14 a3 82 95 4e 4b e6 7b f1 17 84 c9 7c 82 92 c2 75 bf e3 ed 41
            80 28 00 04 c8 fb 0b 4c
            """);

    /** §2.4 Sample Request with Long-Term Authentication. */
    static final byte[] REQUEST_LONG_TERM = hex("""
            00 01 00 60 21 12 a4 42 78 ad 34 33 c6 ad 72 c0 29 da 41 2e
            00 06 00 12 e3 83 9e e3 83 88 e3 83 aa e3 83 83 e3 82 af e3 82 b9 00 00
            00 15 00 1c 66 2f 2f 34 39 39 6b 39 35 34 64 36 4f 4c 33 34 6f 4c 39 46 53 54 76 79 36 34 73 41
            00 14 00 0b 65 78 61 6d 70 6c 65 2e 6f 72 67 00
            00 08 00 14 f6 70 24 65 6d d6 4a 3e 02 b8 e0 71 2e 85 c9 a2 8c a8 96 66
            """);

    static final byte[] PASSWORD = "VOkJxbRl1RmTxUk/WvJxBt".getBytes(StandardCharsets.UTF_8);
    static final StunTransactionId TID = StunTransactionId.of(hex("b7 e7 a7 01 bc 34 d6 86 fa 87 df ae"));
    static final InetSocketAddress MAPPED_V4 = new InetSocketAddress(ipv4(192, 0, 2, 1), 32853);

    static InetAddress ipv4(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] bytes(ByteBuf buf) {
        byte[] b = ByteBufUtil.getBytes(buf);
        buf.release();
        return b;
    }

    @Test
    void sampleRequestDecodesAndAuthenticates() throws Exception {
        StunMessage m = StunMessage.decode(REQUEST);
        assertThat(m.messageClass()).isEqualTo(StunClass.REQUEST);
        assertThat(m.method()).isEqualTo(StunMethod.BINDING);
        assertThat(m.transactionId()).isEqualTo(TID);
        assertThat(m.software()).isEqualTo("STUN test client");
        assertThat(m.priority()).isEqualTo(0x6e0001ffL);
        assertThat(m.iceControlled()).hasValue(0x932ff9b151263b36L);
        assertThat(m.iceControlling()).isEmpty();
        assertThat(m.useCandidate()).isFalse();
        assertThat(m.username()).isEqualTo("evtj:h6vY");
        assertThat(m.hasFingerprint()).isTrue();
        assertThat(m.verifyMessageIntegrity(PASSWORD)).isTrue();
        assertThat(m.verifyMessageIntegrity("wrong".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(StunMessage.looksLikeStun(Unpooled.wrappedBuffer(REQUEST))).isTrue();
    }

    @Test
    void sampleRequestEncodesByteForByte() {
        ByteBuf buf = Unpooled.buffer();
        new StunMessageWriter().begin(buf, StunClass.REQUEST, StunMethod.BINDING, TID)
                .paddingByte(0x20)
                .software("STUN test client")
                .priority(0x6e0001ffL)
                .iceControlled(0x932ff9b151263b36L)
                .username("evtj:h6vY")
                .messageIntegrity(PASSWORD)
                .fingerprint()
                .finish();
        assertThat(HexFormat.of().formatHex(bytes(buf))).isEqualTo(HexFormat.of().formatHex(REQUEST));
    }

    @Test
    void sampleIpv4ResponseDecodesAndEncodes() throws Exception {
        StunMessage m = StunMessage.decode(RESPONSE_V4);
        assertThat(m.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
        assertThat(m.software()).isEqualTo("test vector");
        assertThat(m.xorMappedAddress()).isEqualTo(MAPPED_V4);
        assertThat(m.verifyMessageIntegrity(PASSWORD)).isTrue();

        ByteBuf buf = Unpooled.buffer();
        new StunMessageWriter().begin(buf, StunClass.SUCCESS_RESPONSE, StunMethod.BINDING, TID)
                .paddingByte(0x20)
                .software("test vector")
                .xorMappedAddress(MAPPED_V4)
                .messageIntegrity(PASSWORD)
                .fingerprint()
                .finish();
        assertThat(bytes(buf)).isEqualTo(RESPONSE_V4);
    }

    @Test
    void sampleIpv6ResponseDecodesAndEncodes() throws Exception {
        InetSocketAddress mapped = new InetSocketAddress(
                InetAddress.getByAddress(hex("20010db8123456780011223344556677")), 32853);
        StunMessage m = StunMessage.decode(RESPONSE_V6);
        assertThat(m.xorMappedAddress()).isEqualTo(mapped);
        assertThat(m.verifyMessageIntegrity(PASSWORD)).isTrue();

        ByteBuf buf = Unpooled.buffer();
        new StunMessageWriter().begin(buf, StunClass.SUCCESS_RESPONSE, StunMethod.BINDING, TID)
                .paddingByte(0x20)
                .software("test vector")
                .xorMappedAddress(mapped)
                .messageIntegrity(PASSWORD)
                .fingerprint()
                .finish();
        assertThat(bytes(buf)).isEqualTo(RESPONSE_V6);
    }

    @Test
    void longTermRequestAuthenticatesWithMd5Key() throws Exception {
        StunMessage m = StunMessage.decode(REQUEST_LONG_TERM);
        String username = "\u30DE\u30C8\u30EA\u30C3\u30AF\u30B9";
        assertThat(m.username()).isEqualTo(username);
        assertThat(new String(m.attribute(StunAttributeType.REALM), StandardCharsets.UTF_8)).isEqualTo("example.org");
        assertThat(new String(m.attribute(StunAttributeType.NONCE), StandardCharsets.UTF_8))
                .isEqualTo("f//499k954d6OL34oL9FSTvy64sA");
        assertThat(m.hasFingerprint()).isFalse();
        // RFC 8489 §9.2.2: key = MD5(username ":" realm ":" SASLprep(password)); the password
        // "The<SOFT HYPHEN>M<FEMININE ORDINAL>tr<ROMAN NUMERAL NINE>" prepares to "TheMatrIX".
        byte[] key = MessageDigest.getInstance("MD5")
                .digest((username + ":example.org:TheMatrIX").getBytes(StandardCharsets.UTF_8));
        assertThat(m.verifyMessageIntegrity(key)).isTrue();

        ByteBuf buf = Unpooled.buffer();
        new StunMessageWriter().begin(buf, StunClass.REQUEST, StunMethod.BINDING, m.transactionId())
                .username(username)
                .attribute(StunAttributeType.NONCE, m.attribute(StunAttributeType.NONCE))
                .attribute(StunAttributeType.REALM, m.attribute(StunAttributeType.REALM))
                .messageIntegrity(key)
                .finish();
        assertThat(bytes(buf)).isEqualTo(REQUEST_LONG_TERM);
    }
}
