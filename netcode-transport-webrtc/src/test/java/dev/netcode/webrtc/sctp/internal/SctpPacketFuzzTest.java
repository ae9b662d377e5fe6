package dev.netcode.webrtc.sctp.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.netcode.webrtc.sctp.SctpParseException;
import java.nio.ByteBuffer;

/**
 * The SCTP packet and chunk parser on hostile input: it either throws {@link SctpParseException} or
 * returns chunks that encode again without error.
 */
class SctpPacketFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void parseNeverFailsOtherwise(byte[] input) {
        ByteBuffer packet = ByteBuffer.wrap(input);
        // Most inputs would die at the checksum; fix it up (unless the first bit asks not to) so that
        // the fuzzer explores the chunk decoders behind it.
        if (input.length >= 12 && (input[0] & 0x80) == 0) {
            packet.putInt(8, Integer.reverseBytes(SctpPacketCodec.checksum(packet)));
        }
        SctpPacket decoded;
        try {
            decoded = SctpPacketCodec.decode(packet);
        } catch (SctpParseException expected) {
            return;
        }
        for (Chunk c : decoded.chunks()) {
            ByteBuffer out = ByteBuffer.allocate(c.paddedLengthBytes());
            c.encode(out);
            if (out.hasRemaining()) {
                throw new IllegalStateException("chunk " + c.type() + " wrote fewer bytes than its length");
            }
        }
    }
}
