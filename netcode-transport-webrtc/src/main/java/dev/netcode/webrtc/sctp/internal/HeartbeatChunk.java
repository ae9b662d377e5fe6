package dev.netcode.webrtc.sctp.internal;

import dev.netcode.webrtc.sctp.SctpParseException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * HEARTBEAT request (RFC 9260 §3.3.5) and HEARTBEAT ACK (§3.3.6): both carry one Heartbeat Info
 * parameter whose content only the sender interprets; the receiver echoes it verbatim.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Type = 4/5  |  Chunk Flags  |       Heartbeat Length        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |    Heartbeat Info Type = 1    |      HB Info Length           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * /                  Sender-Specific Heartbeat Info               /
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record HeartbeatChunk(boolean ack, byte[] info) implements Chunk {
    static final int PARAM_HEARTBEAT_INFO = 1;

    @Override
    public int type() {
        return ack ? HEARTBEAT_ACK : HEARTBEAT;
    }

    @Override
    public int valueLengthBytes() {
        return 4 + info.length;
    }

    @Override
    public void writeValue(ByteBuffer out) {
        Codec.writeTlv(out, PARAM_HEARTBEAT_INFO, info, false);
    }

    static HeartbeatChunk decode(boolean ack, ByteBuffer value) {
        List<Codec.Tlv> params = Codec.tlvs(value, 1, ack ? "HEARTBEAT ACK" : "HEARTBEAT");
        if (params.size() != 1 || params.get(0).type() != PARAM_HEARTBEAT_INFO) {
            throw new SctpParseException("HEARTBEAT without Heartbeat Info parameter");
        }
        return new HeartbeatChunk(ack, params.get(0).value());
    }
}
