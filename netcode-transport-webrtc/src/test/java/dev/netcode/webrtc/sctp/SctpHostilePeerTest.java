package dev.netcode.webrtc.sctp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netcode.webrtc.sctp.internal.AbortChunk;
import dev.netcode.webrtc.sctp.internal.Chunk;
import dev.netcode.webrtc.sctp.internal.DataChunk;
import dev.netcode.webrtc.sctp.internal.ErrorCause;
import dev.netcode.webrtc.sctp.internal.PacketWriter;
import dev.netcode.webrtc.sctp.internal.ReconfigChunk;
import dev.netcode.webrtc.sctp.internal.ReconfigParameter;
import dev.netcode.webrtc.sctp.internal.SackChunk;
import dev.netcode.webrtc.sctp.internal.SctpPacket;
import dev.netcode.webrtc.sctp.internal.SctpPacketCodec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Crafted packets from a misbehaving peer: typed aborts, bounded memory, never an escaping exception. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SctpHostilePeerTest {

    /** Established pair plus what B sees as the header of A's packets (ports and B's tag). */
    private static final class Fixture {
        final AssociationPair p;
        final List<SctpPacket> fromB = new ArrayList<>();
        int tagOfB;
        /** The cumulative TSN A acknowledges to B: B's initial TSN - 1 while B sent no data. */
        int ackToB;

        Fixture(long seed) {
            p = new AssociationPair(seed, AssociationPair.defaultConfig()).connectBoth();
            p.a.send(0, 51, ByteBuffer.allocate(4), SctpSendOptions.RELIABLE_ORDERED);
            p.aToB.tap = bytes -> {
                tagOfB = ByteBuffer.wrap(bytes).getInt(4);
                for (Chunk c : SctpPacketCodec.decode(ByteBuffer.wrap(bytes)).chunks()) {
                    if (c instanceof SackChunk s) {
                        ackToB = s.cumulativeTsnAck();
                    }
                }
                return bytes;
            };
            p.bToA.tap = bytes -> {
                fromB.add(SctpPacketCodec.decode(ByteBuffer.wrap(bytes)));
                return bytes;
            };
            p.run(() -> p.rb.messages.size() == 1, 1_000);
            p.a.send(0, 51, ByteBuffer.allocate(4), SctpSendOptions.RELIABLE_ORDERED);
            p.run(() -> p.rb.messages.size() == 2, 1_000);
        }

        void inject(Chunk... chunks) {
            PacketWriter w = new PacketWriter(1500, 5000, 5000);
            w.begin(tagOfB);
            for (Chunk c : chunks) {
                w.add(c);
            }
            p.b.handlePacket(w.finish());
        }

        List<ErrorCause> abortCauses() {
            for (SctpPacket pk : fromB) {
                for (Chunk c : pk.chunks()) {
                    if (c instanceof AbortChunk a) {
                        return a.causes();
                    }
                }
            }
            return List.of();
        }
    }

    @Test
    void emptyDataChunkAbortsWithNoUserData() {
        Fixture f = new Fixture(51);
        f.inject(new DataChunk(DataChunk.FLAG_BEGIN | DataChunk.FLAG_END, 12345, 0, 0, 51, ByteBuffer.allocate(0)));
        assertThat(f.p.b.state()).isEqualTo(SctpState.ABORTED);
        assertThat(f.p.rb.aborted).isInstanceOf(SctpProtocolViolationException.class);
        assertThat(f.abortCauses()).extracting(ErrorCause::code).containsExactly(ErrorCause.NO_USER_DATA);
        assertThat(f.p.run(() -> f.p.ra.aborted != null, 1_000)).isTrue();
        assertThat(f.p.ra.abortedByPeer).isTrue();
    }

    @Test
    void sackForUnsentDataAbortsWithProtocolViolation() {
        Fixture f = new Fixture(52);
        f.p.b.send(0, 51, ByteBuffer.allocate(4), SctpSendOptions.RELIABLE_ORDERED);
        f.p.run(() -> f.p.ra.messages.size() == 1, 1_000);
        f.p.run(() -> false, 500); // let A's SACK for it arrive
        f.inject(new SackChunk(f.ackToB + 10, 100_000, new int[0], new int[0], new int[0]));
        assertThat(f.p.b.state()).isEqualTo(SctpState.ABORTED);
        assertThat(f.p.rb.aborted).isInstanceOf(SctpProtocolViolationException.class).hasMessageContaining("never sent");
        assertThat(f.abortCauses()).extracting(ErrorCause::code).containsExactly(ErrorCause.PROTOCOL_VIOLATION);
    }

    @Test
    void messageAboveOurMaximumAbortsInsteadOfBuffering() {
        Fixture f = new Fixture(53);
        int tsn = cumulativeTsnOfB(f) + 1;
        ByteBuffer part = ByteBuffer.allocate(1100);
        // 300 fragments of 1,100 bytes without an END: more than the 256 KiB we advertise.
        for (int i = 0; i < 300 && f.p.b.state() == SctpState.ESTABLISHED; i++) {
            int flags = i == 0 ? DataChunk.FLAG_BEGIN : 0;
            f.inject(new DataChunk(flags, tsn + i, 1, 0, 53, part.duplicate()));
        }
        assertThat(f.p.b.state()).isEqualTo(SctpState.ABORTED);
        assertThat(f.p.rb.aborted).hasMessageContaining("exceeds advertised maximum");
    }

    @Test
    void dataBeyondTheWindowIsDroppedAndMemoryStaysBounded() {
        Fixture f = new Fixture(54);
        int cum = cumulativeTsnOfB(f);
        Random r = new Random(54);
        ByteBuffer part = ByteBuffer.allocate(1100);
        // Fragments scattered far ahead, never completing: the receive buffer bound must hold.
        for (int i = 0; i < 5000; i++) {
            int tsn = cum + 2 + r.nextInt(40_000);
            f.inject(new DataChunk(0, tsn, r.nextInt(10), 0, 53, part.duplicate()));
        }
        assertThat(f.p.b.state()).isEqualTo(SctpState.ESTABLISHED);
        assertThat(f.p.b.stats().receiveBufferedBytes()).isLessThanOrEqualTo(2L * 1024 * 1024);
        // The honest traffic still flows once the gap is filled by the real sender.
        f.p.a.send(0, 51, ByteBuffer.allocate(4), SctpSendOptions.RELIABLE_ORDERED);
    }

    @Test
    void resetRequestWithBadSequenceNumberIsRefusedNotObeyed() {
        Fixture f = new Fixture(55);
        f.inject(new ReconfigChunk(List.of(new ReconfigParameter.OutgoingResetRequest(12345, 0, 0, new int[] {0}))));
        assertThat(f.p.rb.resets).isEmpty();
        boolean refused = f.fromB.stream().flatMap(pk -> pk.chunks().stream())
                .filter(c -> c instanceof ReconfigChunk).map(c -> ((ReconfigChunk) c).parameters().get(0))
                .anyMatch(pr -> pr instanceof ReconfigParameter.Response resp
                        && resp.result() == ReconfigParameter.Response.ERROR_BAD_SEQUENCE_NUMBER);
        assertThat(refused).isTrue();
        assertThat(f.p.b.state()).isEqualTo(SctpState.ESTABLISHED);
    }

    @Test
    void garbageAndWrongTagsAreIgnored() {
        Fixture f = new Fixture(56);
        Random r = new Random(56);
        for (int i = 0; i < 2000; i++) {
            byte[] junk = new byte[r.nextInt(1300)];
            r.nextBytes(junk);
            f.p.b.handlePacket(ByteBuffer.wrap(junk));
        }
        PacketWriter w = new PacketWriter(1500, 5000, 5000);
        w.begin(f.tagOfB + 1); // wrong verification tag
        w.add(new AbortChunk(false, List.of()));
        f.p.b.handlePacket(w.finish());
        assertThat(f.p.b.state()).isEqualTo(SctpState.ESTABLISHED);
        assertThat(f.p.b.stats().packetsDropped()).isGreaterThanOrEqualTo(2001);
        f.p.a.send(0, 51, ByteBuffer.allocate(4), SctpSendOptions.RELIABLE_ORDERED);
        assertThat(f.p.run(() -> f.p.rb.messages.size() == 3, 2_000)).isTrue();
    }

    private static int cumulativeTsnOfB(Fixture f) {
        for (int i = f.fromB.size() - 1; i >= 0; i--) {
            for (Chunk c : f.fromB.get(i).chunks()) {
                if (c instanceof SackChunk s) {
                    return s.cumulativeTsnAck();
                }
            }
        }
        throw new AssertionError("no SACK from B seen");
    }
}
