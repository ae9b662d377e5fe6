package dev.netcode.webrtc.sctp.internal;

import dev.netcode.webrtc.sctp.SctpParseException;
import java.nio.ByteBuffer;

/** Stream reconfiguration parameters of RFC 6525 §4. */
public sealed interface ReconfigParameter {
    int OUTGOING_SSN_RESET_REQUEST = 13;
    int INCOMING_SSN_RESET_REQUEST = 14;
    int SSN_TSN_RESET_REQUEST = 15;
    int RECONFIG_RESPONSE = 16;
    int ADD_OUTGOING_STREAMS_REQUEST = 17;
    int ADD_INCOMING_STREAMS_REQUEST = 18;

    /** Parameter length field (header included, padding excluded). */
    int lengthBytes();

    void write(ByteBuffer out);

    /**
     * Outgoing SSN Reset Request, RFC 6525 §4.1: "I reset these outgoing streams after TSN x".
     *
     * <pre>
     *  0                   1                   2                   3
     *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |     Parameter Type = 13       | Parameter Length = 16 + 2 * N |
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |           Re-configuration Request Sequence Number            |
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |           Re-configuration Response Sequence Number           |
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |                Sender's Last Assigned TSN                     |
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |  Stream Number 1 (optional)   |    Stream Number 2 (optional) |
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * /                            ......                             /
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * </pre>
     *
     * An empty stream list means "all streams".
     */
    record OutgoingResetRequest(int requestSeq, int responseSeq, int lastAssignedTsn, int[] streams)
            implements ReconfigParameter {
        @Override
        public int lengthBytes() {
            return 16 + 2 * streams.length;
        }

        @Override
        public void write(ByteBuffer out) {
            out.putShort((short) OUTGOING_SSN_RESET_REQUEST);
            out.putShort((short) lengthBytes());
            out.putInt(requestSeq);
            out.putInt(responseSeq);
            out.putInt(lastAssignedTsn);
            for (int s : streams) {
                out.putShort((short) s);
            }
        }
    }

    /**
     * Incoming SSN Reset Request, RFC 6525 §4.2: "please reset your outgoing streams".
     *
     * <pre>
     *  0                   1                   2                   3
     *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |     Parameter Type = 14       |  Parameter Length = 8 + 2 * N |
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |          Re-configuration Request Sequence Number             |
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |  Stream Number 1 (optional)   |    Stream Number 2 (optional) |
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * </pre>
     */
    record IncomingResetRequest(int requestSeq, int[] streams) implements ReconfigParameter {
        @Override
        public int lengthBytes() {
            return 8 + 2 * streams.length;
        }

        @Override
        public void write(ByteBuffer out) {
            out.putShort((short) INCOMING_SSN_RESET_REQUEST);
            out.putShort((short) lengthBytes());
            out.putInt(requestSeq);
            for (int s : streams) {
                out.putShort((short) s);
            }
        }
    }

    /**
     * Re-configuration Response, RFC 6525 §4.4 (the optional TSN fields, used only for SSN/TSN
     * resets, are neither sent nor needed).
     *
     * <pre>
     *  0                   1                   2                   3
     *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |     Parameter Type = 16       |      Parameter Length         |
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |         Re-configuration Response Sequence Number             |
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |                            Result                             |
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |                   Sender's Next TSN (optional)                |
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |                  Receiver's Next TSN (optional)               |
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * </pre>
     */
    record Response(int responseSeq, int result) implements ReconfigParameter {
        public static final int SUCCESS_NOTHING_TO_DO = 0;
        public static final int SUCCESS_PERFORMED = 1;
        public static final int DENIED = 2;
        public static final int ERROR_WRONG_SSN = 3;
        public static final int ERROR_REQUEST_ALREADY_IN_PROGRESS = 4;
        public static final int ERROR_BAD_SEQUENCE_NUMBER = 5;
        public static final int IN_PROGRESS = 6;

        @Override
        public int lengthBytes() {
            return 12;
        }

        @Override
        public void write(ByteBuffer out) {
            out.putShort((short) RECONFIG_RESPONSE);
            out.putShort((short) 12);
            out.putInt(responseSeq);
            out.putInt(result);
        }
    }

    /**
     * A request this implementation declines (SSN/TSN reset, add streams): only its request
     * sequence number is kept, to answer "Denied".
     */
    record Unsupported(int type, int requestSeq) implements ReconfigParameter {
        @Override
        public int lengthBytes() {
            return 8;
        }

        @Override
        public void write(ByteBuffer out) {
            out.putShort((short) type);
            out.putShort((short) 8);
            out.putInt(requestSeq);
        }
    }

    static ReconfigParameter decode(int type, ByteBuffer v) {
        switch (type) {
            case OUTGOING_SSN_RESET_REQUEST -> {
                Codec.require(v, 12, "Outgoing SSN Reset Request");
                int req = v.getInt();
                int resp = v.getInt();
                int last = v.getInt();
                return new OutgoingResetRequest(req, resp, last, streams(v));
            }
            case INCOMING_SSN_RESET_REQUEST -> {
                Codec.require(v, 4, "Incoming SSN Reset Request");
                int req = v.getInt();
                return new IncomingResetRequest(req, streams(v));
            }
            case RECONFIG_RESPONSE -> {
                if (v.remaining() != 8 && v.remaining() != 16) {
                    throw new SctpParseException("Re-configuration Response of " + v.remaining() + " bytes");
                }
                return new Response(v.getInt(), v.getInt());
            }
            case SSN_TSN_RESET_REQUEST, ADD_OUTGOING_STREAMS_REQUEST, ADD_INCOMING_STREAMS_REQUEST -> {
                Codec.require(v, 4, "re-configuration request " + type);
                return new Unsupported(type, v.getInt());
            }
            default -> throw new SctpParseException("unknown re-configuration parameter " + type);
        }
    }

    private static int[] streams(ByteBuffer v) {
        if (v.remaining() % 2 != 0) {
            throw new SctpParseException("odd stream list length " + v.remaining());
        }
        int[] s = new int[v.remaining() / 2];
        for (int i = 0; i < s.length; i++) {
            s[i] = Codec.u16(v);
        }
        return s;
    }
}
