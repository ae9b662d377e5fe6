package dev.netcode.webrtc.sctp.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Encoding and decoding of error-cause lists shared by ABORT and ERROR. */
final class Causes {
    private Causes() {
    }

    static int length(List<ErrorCause> causes) {
        int n = 0;
        for (int i = 0; i < causes.size(); i++) {
            // The last cause's padding is the chunk's padding, not part of its length.
            n += i == causes.size() - 1 ? 4 + causes.get(i).info().length : causes.get(i).paddedLengthBytes();
        }
        return n;
    }

    static void write(ByteBuffer out, List<ErrorCause> causes) {
        for (int i = 0; i < causes.size(); i++) {
            Codec.writeTlv(out, causes.get(i).code(), causes.get(i).info(), i < causes.size() - 1);
        }
    }

    static List<ErrorCause> read(ByteBuffer value, String what) {
        List<ErrorCause> out = new ArrayList<>(2);
        for (Codec.Tlv t : Codec.tlvs(value, 16, what)) {
            out.add(new ErrorCause(t.type(), t.value()));
        }
        return out;
    }

    static String describe(List<ErrorCause> causes) {
        if (causes.isEmpty()) {
            return "no cause given";
        }
        StringBuilder sb = new StringBuilder();
        for (ErrorCause c : causes) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(c.describe());
        }
        return sb.toString();
    }
}
