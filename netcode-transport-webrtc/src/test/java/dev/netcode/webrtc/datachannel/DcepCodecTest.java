package dev.netcode.webrtc.datachannel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** DATA_CHANNEL_OPEN / ACK against byte vectors written by hand from the RFC 8832 §5 diagrams. */
class DcepCodecTest {
    private static final HexFormat HEX = HexFormat.of();

    private static ByteBuffer bytes(String hex) {
        return ByteBuffer.wrap(HEX.parseHex(hex.replace(" ", "")));
    }

    private static String hex(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return HEX.formatHex(out);
    }

    @Test
    void reliableOrderedOpenLikeChromiumsChat() throws Exception {
        // type 03 | channel type 00 | priority 0100 (256, low) | reliability 00000000 |
        // label length 0004 | protocol length 0000 | "chat"
        String vector = "03 00 0100 00000000 0004 0000 63686174";
        DataChannelOpen open = new DataChannelOpen(DataChannelType.RELIABLE, 256, 0, "chat", "");
        assertThat(hex(open.encode())).isEqualTo(vector.replace(" ", ""));
        assertThat(open.encodedLength()).isEqualTo(16);
        ByteBuffer in = bytes(vector);
        assertThat(DcepMessage.decode(in)).isEqualTo(open);
        assertThat(in.hasRemaining()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
            // channel type, priority, reliability, label, protocol, expected bytes
            "PARTIAL_RELIABLE_REXMIT_UNORDERED, 128, 0, inputs, '', 03 81 0080 00000000 0006 0000 696e70757473",
            "PARTIAL_RELIABLE_REXMIT, 512, 3, a, p, 03 01 0200 00000003 0001 0001 61 70",
            "PARTIAL_RELIABLE_TIMED, 1024, 100, t, '', 03 02 0400 00000064 0001 0000 74",
            "PARTIAL_RELIABLE_TIMED_UNORDERED, 256, 4294967295, '', x, 03 82 0100 ffffffff 0000 0001 78",
            "RELIABLE_UNORDERED, 65535, 0, '', '', 03 80 ffff 00000000 0000 0000",
    })
    void encodesAndDecodesEveryChannelType(DataChannelType type, int priority, long reliability, String label,
            String protocol, String vector) throws Exception {
        DataChannelOpen open = new DataChannelOpen(type, priority, reliability, label, protocol);
        assertThat(hex(open.encode())).isEqualTo(vector.replace(" ", ""));
        assertThat(DataChannelOpen.decode(bytes(vector))).isEqualTo(open);
        assertThat(open.isOrdered()).isEqualTo(type.isOrdered());
    }

    @Test
    void labelAndProtocolAreUtf8WithByteLengths() throws Exception {
        // "é" is 2 bytes, "🎮" (U+1F3AE) 4 bytes.
        DataChannelOpen open = new DataChannelOpen(DataChannelType.RELIABLE, 256, 0, "é", "🎮");
        assertThat(hex(open.encode())).isEqualTo("0300010000000000" + "00020004" + "c3a9" + "f09f8eae");
        assertThat(DataChannelOpen.decode(open.encode())).isEqualTo(open);
    }

    @Test
    void ackIsOneByte() throws Exception {
        assertThat(hex(DataChannelAck.INSTANCE.encode())).isEqualTo("02");
        assertThat(DcepMessage.decode(bytes("02"))).isSameAs(DataChannelAck.INSTANCE);
        assertThat(DataChannelAck.INSTANCE.messageType()).isEqualTo(DcepMessage.TYPE_ACK);
    }

    @Test
    void reliableTypesIgnoreTheReliabilityParameter() throws Exception {
        DataChannelOpen decoded = DataChannelOpen.decode(bytes("03 00 0100 0000002a 0000 0000"));
        assertThat(decoded.reliabilityParameter()).isZero();
        assertThat(hex(decoded.encode())).isEqualTo("030001000000000000000000");
    }

    @Test
    void decodesFromAnOffsetInAnyByteOrderAndAdvancesToTheLimit() throws Exception {
        ByteBuffer big = ByteBuffer.allocateDirect(64).order(ByteOrder.LITTLE_ENDIAN);
        big.put(new byte[] {9, 9, 9});
        DataChannelOpen open = new DataChannelOpen(DataChannelType.PARTIAL_RELIABLE_TIMED, 256, 1500, "l", "p");
        open.encode(big);
        big.flip().position(3);
        assertThat(DcepMessage.decode(big)).isEqualTo(open);
        assertThat(big.position()).isEqualTo(big.limit());
    }

    @Test
    void encodeIntoASmallBufferWritesNothing() {
        DataChannelOpen open = new DataChannelOpen(DataChannelType.RELIABLE, 256, 0, "chat", "");
        ByteBuffer small = ByteBuffer.allocate(15);
        assertThatThrownBy(() -> open.encode(small)).isInstanceOf(BufferOverflowException.class);
        assertThat(small.position()).isZero();
        assertThatThrownBy(() -> DataChannelAck.INSTANCE.encode(ByteBuffer.allocate(0)))
                .isInstanceOf(BufferOverflowException.class);
    }

    private static DcepException failure(String hex) {
        ByteBuffer in = bytes(hex);
        int before = in.position();
        DcepException e = catchThrowableOfType(() -> DcepMessage.decode(in), DcepException.class);
        assertThat(e).as("expected a DcepException for %s", hex).isNotNull();
        assertThat(in.position()).as("position unchanged on failure").isEqualTo(before);
        return e;
    }

    @Test
    void malformedMessagesGiveTypedErrors() {
        assertThat(failure("").kind()).isEqualTo(DcepException.Kind.EMPTY);
        assertThat(failure("05").kind()).isEqualTo(DcepException.Kind.UNKNOWN_MESSAGE_TYPE);
        assertThat(failure("05").getMessage()).contains("0x05");
        assertThat(failure("ff").kind()).isEqualTo(DcepException.Kind.UNKNOWN_MESSAGE_TYPE);
        assertThat(failure("0202").kind()).isEqualTo(DcepException.Kind.TRAILING_BYTES);
        assertThat(failure("03 00 0100 00000000 0000").kind()).isEqualTo(DcepException.Kind.TRUNCATED);
        assertThat(failure("03 03 0100 00000000 0000 0000").kind()).isEqualTo(DcepException.Kind.UNKNOWN_CHANNEL_TYPE);
        assertThat(failure("03 03 0100 00000000 0000 0000").getMessage()).contains("0x03");
        // label length 5 but only 4 bytes: the length is checked against the buffer, never trusted.
        DcepException truncated = failure("03 00 0100 00000000 0005 0000 63686174");
        assertThat(truncated.kind()).isEqualTo(DcepException.Kind.TRUNCATED);
        assertThat(truncated.getMessage()).contains("label length 5").contains("only 4 bytes");
        assertThat(failure("03 00 0100 00000000 ffff ffff 00").kind()).isEqualTo(DcepException.Kind.TRUNCATED);
        assertThat(failure("03 00 0100 00000000 0001 0000 6161").kind()).isEqualTo(DcepException.Kind.TRAILING_BYTES);
        assertThat(failure("03 00 0100 00000000 0001 0000 ff").kind()).isEqualTo(DcepException.Kind.INVALID_UTF8);
        assertThat(failure("03 00 0100 00000000 0000 0002 c328").kind()).isEqualTo(DcepException.Kind.INVALID_UTF8);
    }

    @Test
    void typedDecodersRefuseTheOtherMessage() {
        assertThatThrownBy(() -> DataChannelAck.decode(bytes("03"))).isInstanceOf(DcepException.class);
        assertThatThrownBy(() -> DataChannelOpen.decode(bytes("02"))).isInstanceOf(DcepException.class);
    }

    @Test
    void constructorRejectsWhatCannotBeEncoded() {
        assertThatThrownBy(() -> new DataChannelOpen(DataChannelType.RELIABLE, 65536, 0, "", ""))
                .hasMessageContaining("priority");
        assertThatThrownBy(() -> new DataChannelOpen(DataChannelType.PARTIAL_RELIABLE_REXMIT, 256, 1L << 32, "", ""))
                .hasMessageContaining("reliability");
        assertThatThrownBy(() -> new DataChannelOpen(DataChannelType.RELIABLE, 256, 0, "x".repeat(65536), ""))
                .hasMessageContaining("label");
        assertThatThrownBy(() -> new DataChannelOpen(DataChannelType.RELIABLE, 256, 0, "é".repeat(40000), ""))
                .hasMessageContaining("80000 UTF-8 bytes");
        assertThatThrownBy(() -> new DataChannelOpen(DataChannelType.RELIABLE, 256, 0, "", "\ud800"))
                .hasMessageContaining("surrogate");
        DataChannelOpen max = new DataChannelOpen(DataChannelType.RELIABLE, 256, 0, "x".repeat(65535), "");
        assertThat(max.encodedLength()).isEqualTo(12 + 65535);
    }

    @Test
    void maximalOpenRoundTrips() throws Exception {
        String label = "l".repeat(65535);
        String protocol = "p".repeat(65535);
        DataChannelOpen open = new DataChannelOpen(DataChannelType.PARTIAL_RELIABLE_REXMIT, 1, 7, label, protocol);
        ByteBuffer encoded = open.encode();
        assertThat(encoded.remaining()).isEqualTo(12 + 2 * 65535);
        assertThat(encoded.getShort(8) & 0xffff).isEqualTo(65535);
        assertThat(DataChannelOpen.decode(encoded)).isEqualTo(open);
        assertThat(new String(open.encode().array(), 12, 4, StandardCharsets.UTF_8)).isEqualTo("llll");
    }

    @Test
    void channelTypeBits() {
        assertThat(DataChannelType.fromCode(0x81)).contains(DataChannelType.PARTIAL_RELIABLE_REXMIT_UNORDERED);
        assertThat(DataChannelType.fromCode(0x03)).isEmpty();
        assertThat(DataChannelType.of(false, false, true)).isEqualTo(DataChannelType.PARTIAL_RELIABLE_TIMED_UNORDERED);
        assertThat(DataChannelType.of(true, false, false)).isEqualTo(DataChannelType.RELIABLE);
        assertThatThrownBy(() -> DataChannelType.of(true, true, true)).isInstanceOf(IllegalArgumentException.class);
        for (DataChannelType t : DataChannelType.values()) {
            int flags = (t.isReliable() ? 1 : 0) + (t.isRetransmitLimited() ? 1 : 0) + (t.isTimeLimited() ? 1 : 0);
            assertThat(flags).as(t.name()).isEqualTo(1);
            assertThat(t.isOrdered()).isEqualTo(!t.name().endsWith("UNORDERED"));
        }
    }

    @Test
    void ppidsFollowRfc8831() {
        assertThat(new int[] {Ppid.DCEP, Ppid.STRING, Ppid.BINARY_PARTIAL, Ppid.BINARY, Ppid.STRING_PARTIAL,
                Ppid.STRING_EMPTY, Ppid.BINARY_EMPTY}).containsExactly(50, 51, 52, 53, 54, 56, 57);
        assertThat(Ppid.forMessage(false, 5)).isEqualTo(51);
        assertThat(Ppid.forMessage(false, 0)).isEqualTo(56);
        assertThat(Ppid.forMessage(true, 5)).isEqualTo(53);
        assertThat(Ppid.forMessage(true, 0)).isEqualTo(57);
        assertThat(Ppid.payloadLengthBytes(0)).isEqualTo(1);
        assertThat(Ppid.payloadLengthBytes(10)).isEqualTo(10);
        assertThat(Ppid.isString(54)).isTrue();
        assertThat(Ppid.isBinary(52)).isTrue();
        assertThat(Ppid.isPartial(52) && Ppid.isPartial(54) && !Ppid.isPartial(53)).isTrue();
        assertThat(Ppid.isEmpty(56) && Ppid.isEmpty(57) && !Ppid.isEmpty(51)).isTrue();
        assertThat(Ppid.isKnown(55)).isFalse();
        assertThat(Ppid.describe(53)).isEqualTo("53 (binary)");
        assertThat(Ppid.describe(-1)).isEqualTo("4294967295 (unknown)");
    }
}
