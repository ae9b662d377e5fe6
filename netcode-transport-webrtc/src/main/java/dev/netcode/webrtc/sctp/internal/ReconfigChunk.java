package dev.netcode.webrtc.sctp.internal;

import dev.netcode.webrtc.sctp.SctpParseException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * RE-CONFIG, RFC 6525 §3.1: carries one or two stream reconfiguration parameters.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Type = 130    |  Chunk Flags  |      Chunk Length             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * \                                                               \
 * /                  Re-configuration Parameter                   /
 * \                                                               \
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * \                                                               \
 * /             Re-configuration Parameter (optional)             /
 * \                                                               \
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * See {@link ReconfigParameter} for the parameter layouts.
 */
public record ReconfigChunk(List<ReconfigParameter> parameters) implements Chunk {
    @Override
    public int type() {
        return RE_CONFIG;
    }

    @Override
    public int valueLengthBytes() {
        int n = 0;
        for (int i = 0; i < parameters.size(); i++) {
            int len = parameters.get(i).lengthBytes();
            n += i == parameters.size() - 1 ? len : Codec.pad4(len);
        }
        return n;
    }

    @Override
    public void writeValue(ByteBuffer out) {
        for (int i = 0; i < parameters.size(); i++) {
            ReconfigParameter p = parameters.get(i);
            p.write(out);
            if (i < parameters.size() - 1) {
                for (int k = p.lengthBytes(); k < Codec.pad4(p.lengthBytes()); k++) {
                    out.put((byte) 0);
                }
            }
        }
    }

    static ReconfigChunk decode(ByteBuffer value) {
        List<Codec.Tlv> tlvs = Codec.tlvs(value, 2, "RE-CONFIG");
        if (tlvs.isEmpty()) {
            throw new SctpParseException("RE-CONFIG without parameters");
        }
        List<ReconfigParameter> params = new ArrayList<>(tlvs.size());
        for (Codec.Tlv t : tlvs) {
            params.add(ReconfigParameter.decode(t.type(), ByteBuffer.wrap(t.value())));
        }
        return new ReconfigChunk(params);
    }
}
