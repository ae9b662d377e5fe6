package dev.netcode.webrtc.sctp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.netcode.webrtc.sctp.internal.SctpPacketCodec;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * An established association fed arbitrary packets that pass the header checks (right ports,
 * verification tag and checksum, so the chunk handlers are reached): nothing may escape
 * {@code handlePacket}; the association either stays usable or ends with a typed ABORT.
 */
class SctpAssociationFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void establishedAssociationSurvivesArbitraryPackets(byte[] input) {
        AssociationPair p = new AssociationPair(7, AssociationPair.defaultConfig()).connectBoth();
        p.a.send(1, 51, ByteBuffer.allocate(3000), SctpSendOptions.RELIABLE_ORDERED);
        p.run(() -> false, 10);
        byte[] header = new byte[12];
        p.aToB.tap = bytes -> {
            System.arraycopy(bytes, 0, header, 0, 12);
            return bytes;
        };
        p.a.send(2, 51, ByteBuffer.allocate(10), SctpSendOptions.RELIABLE_UNORDERED);
        // Split the input into packets at 0xFF 0xFF markers; each gets a valid common header.
        int start = 0;
        for (int i = 0; i <= input.length; i++) {
            if (i == input.length || (i + 1 < input.length && input[i] == (byte) 0xFF && input[i + 1] == (byte) 0xFF)) {
                byte[] body = Arrays.copyOfRange(input, start, i);
                ByteBuffer packet = ByteBuffer.allocate(12 + body.length);
                packet.put(header).put(body).flip();
                packet.putInt(8, Integer.reverseBytes(SctpPacketCodec.checksum(packet)));
                p.b.handlePacket(packet);
                start = i + 2;
                i++;
            }
        }
        p.run(() -> false, 2_000);
        if (p.b.state() == SctpState.ABORTED && p.rb.aborted == null) {
            throw new IllegalStateException("aborted without telling the listener");
        }
        if (p.b.state() == SctpState.ESTABLISHED) {
            p.b.send(3, 51, ByteBuffer.allocate(5), SctpSendOptions.RELIABLE_ORDERED);
        }
    }
}
