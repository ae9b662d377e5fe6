package dev.netcode.webrtc.sctp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netcode.webrtc.sctp.SctpParseException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

class SctpPacketCodecTest {

    private static ByteBuffer packet(Chunk... chunks) {
        PacketWriter w = new PacketWriter(1191, 5000, 5000);
        w.begin(0x01020304);
        for (Chunk c : chunks) {
            w.add(c);
        }
        ByteBuffer out = w.finish();
        ByteBuffer copy = ByteBuffer.allocate(out.remaining());
        copy.put(out).flip();
        return copy;
    }

    @Test
    void crc32cIsTheCastagnoliPolynomialStoredLittleEndian() {
        // RFC 3720 B.4: CRC32C of 32 zero bytes is 0x8A9136AA.
        CRC32C crc = new CRC32C();
        crc.update(new byte[32]);
        assertThat(crc.getValue()).isEqualTo(0x8A9136AAL);
        ByteBuffer p = packet(new CookieAckChunk());
        int stored = p.getInt(8);
        assertThat(Integer.reverseBytes(stored)).isEqualTo(SctpPacketCodec.checksum(p));
    }

    @Test
    void everyChunkRoundTrips() {
        ByteBuffer payload = ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5});
        List<Chunk> chunks = List.of(
                new DataChunk(DataChunk.FLAG_BEGIN | DataChunk.FLAG_END | DataChunk.FLAG_UNORDERED, -5, 7, 9, 51,
                        payload),
                new InitChunk(false, 0xCAFEBABE, 131072, 65535, 65535, 12345, true, true, null),
                new InitChunk(true, 42, 1 << 20, 10, 20, -1, true, false, new byte[] {9, 8, 7}),
                new SackChunk(100, 5000, new int[] {2, 5}, new int[] {3, 9}, new int[] {77}),
                new HeartbeatChunk(false, new byte[] {1, 2, 3}),
                new HeartbeatChunk(true, new byte[16]),
                new ShutdownChunk(99),
                new ShutdownAckChunk(),
                new ErrorChunk(List.of(ErrorCause.text(ErrorCause.PROTOCOL_VIOLATION, "bad"))),
                new CookieEchoChunk(new byte[] {4, 4, 4, 4, 4}),
                new CookieAckChunk(),
                new ShutdownCompleteChunk(true),
                new ForwardTsnChunk(1000, new int[] {1, 2}, new int[] {3, 4}),
                new ReconfigChunk(List.of(
                        new ReconfigParameter.OutgoingResetRequest(1, 2, 3, new int[] {4, 5, 6}),
                        new ReconfigParameter.Response(7, ReconfigParameter.Response.IN_PROGRESS))),
                new AbortChunk(false, List.of(ErrorCause.text(ErrorCause.USER_INITIATED_ABORT, "bye"))));
        for (Chunk c : chunks) {
            SctpPacket p = SctpPacketCodec.decode(packet(c));
            assertThat(p.sourcePort()).isEqualTo(5000);
            assertThat(p.verificationTag()).isEqualTo(0x01020304);
            assertThat(p.chunks()).hasSize(1);
            Chunk back = p.chunks().get(0);
            assertThat(back.type()).isEqualTo(c.type());
            assertThat(back.lengthBytes()).isEqualTo(c.lengthBytes());
            ByteBuffer a = ByteBuffer.allocate(c.paddedLengthBytes());
            ByteBuffer b = ByteBuffer.allocate(back.paddedLengthBytes());
            c.encode(a);
            back.encode(b);
            assertThat(b.array()).as("re-encoding of %s", c).isEqualTo(a.array());
        }
        // Several chunks in one packet, each padded to 4 bytes.
        SctpPacket all = SctpPacketCodec.decode(packet(chunks.get(0), chunks.get(3), chunks.get(9)));
        assertThat(all.chunks()).extracting(Chunk::type).containsExactly(Chunk.DATA, Chunk.SACK, Chunk.COOKIE_ECHO);
        DataChunk d = (DataChunk) all.chunks().get(0);
        assertThat(d.tsn()).isEqualTo(-5);
        assertThat(d.unordered()).isTrue();
        assertThat(d.payload().remaining()).isEqualTo(5);
    }

    @Test
    void malformedPacketsAreTypedErrors() {
        ByteBuffer good = packet(new SackChunk(1, 2, new int[0], new int[0], new int[0]));
        ByteBuffer badCrc = ByteBuffer.allocate(good.remaining()).put(good.duplicate());
        badCrc.flip();
        badCrc.put(20, (byte) 99);
        assertThatThrownBy(() -> SctpPacketCodec.decode(badCrc)).isInstanceOf(SctpParseException.class)
                .hasMessageContaining("checksum");
        assertThatThrownBy(() -> SctpPacketCodec.decode(ByteBuffer.allocate(5))).isInstanceOf(SctpParseException.class);
        // A SACK claiming more gap blocks than it carries.
        ByteBuffer lying = packet(new SackChunk(1, 2, new int[0], new int[0], new int[0]));
        lying.putShort(12 + 12, (short) 50);
        lying.putInt(8, Integer.reverseBytes(SctpPacketCodec.checksum(lying)));
        assertThatThrownBy(() -> SctpPacketCodec.decode(lying)).isInstanceOf(SctpParseException.class)
                .hasMessageContaining("gap");
        // A chunk length beyond the packet.
        ByteBuffer longChunk = packet(new CookieAckChunk());
        longChunk.putShort(14, (short) 400);
        longChunk.putInt(8, Integer.reverseBytes(SctpPacketCodec.checksum(longChunk)));
        assertThatThrownBy(() -> SctpPacketCodec.decode(longChunk)).isInstanceOf(SctpParseException.class);
    }

    @Test
    void receivedTsnTrackerReportsGapsAndDuplicates() {
        ReceivedTsnTracker t = new ReceivedTsnTracker(-2); // wraps through 0
        assertThat(t.observe(-2)).isEqualTo(ReceivedTsnTracker.Arrival.NEW);
        assertThat(t.observe(0)).isEqualTo(ReceivedTsnTracker.Arrival.NEW);
        assertThat(t.observe(1)).isEqualTo(ReceivedTsnTracker.Arrival.NEW);
        assertThat(t.observe(4)).isEqualTo(ReceivedTsnTracker.Arrival.NEW);
        assertThat(t.observe(0)).isEqualTo(ReceivedTsnTracker.Arrival.DUPLICATE);
        assertThat(t.observe(-2 + ReceivedTsnTracker.WINDOW_TSNS + 10)).isEqualTo(
                ReceivedTsnTracker.Arrival.OUT_OF_WINDOW);
        SackChunk s = t.buildSack(1000);
        assertThat(s.cumulativeTsnAck()).isEqualTo(-2);
        assertThat(s.gapStarts()).containsExactly(2, 6);
        assertThat(s.gapEnds()).containsExactly(3, 6);
        assertThat(s.duplicateTsns()).containsExactly(0);
        t.observe(-1);
        assertThat(t.cumulativeTsn()).isEqualTo(1);
        assertThat(t.forwardTo(3)).isTrue();
        assertThat(t.cumulativeTsn()).isEqualTo(4);
        assertThat(t.hasGaps()).isFalse();
    }
}
