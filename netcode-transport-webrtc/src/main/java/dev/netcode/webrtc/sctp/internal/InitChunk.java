package dev.netcode.webrtc.sctp.internal;

import dev.netcode.webrtc.sctp.SctpParseException;
import java.nio.ByteBuffer;

/**
 * INIT (RFC 9260 §3.3.2) and INIT ACK (§3.3.3) chunks, which share one layout.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Type = 1/2   |  Chunk Flags  |         Chunk Length          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         Initiate Tag                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Advertised Receiver Window Credit (a_rwnd)           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Number of Outbound Streams   |   Number of Inbound Streams   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                          Initial TSN                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * \                                                               \
 * /              Optional/Variable-Length Parameters              /
 * \                                                               \
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * Parameters understood: State Cookie (type 7, INIT ACK only, §3.3.3.1), Supported Extensions
 * (0x8008, RFC 5061 §4.2.7) listing RE-CONFIG (130) and FORWARD TSN (192), and Forward-TSN-Supported
 * (0xC000, RFC 3758 §3.1). Unknown parameters are skipped (their high bits allow it for every
 * parameter a WebRTC peer sends).
 *
 * @param aRwnd unsigned 32-bit, widened
 * @param cookie state cookie bytes, {@code null} in an INIT
 */
public record InitChunk(boolean ack, int initiateTag, long aRwnd, int outboundStreams, int inboundStreams,
        int initialTsn, boolean forwardTsnSupported, boolean reconfigSupported, byte[] cookie) implements Chunk {
    static final int PARAM_STATE_COOKIE = 7;
    static final int PARAM_SUPPORTED_EXTENSIONS = 0x8008;
    static final int PARAM_FORWARD_TSN_SUPPORTED = 0xC000;
    /** A cookie is ours (fixed size); a larger one from a peer is hostile or broken. */
    static final int MAX_COOKIE_BYTES = 512;

    @Override
    public int type() {
        return ack ? INIT_ACK : INIT;
    }

    private byte[] extensions() {
        if (forwardTsnSupported && reconfigSupported) {
            return new byte[] {(byte) RE_CONFIG, (byte) FORWARD_TSN};
        } else if (forwardTsnSupported) {
            return new byte[] {(byte) FORWARD_TSN};
        } else if (reconfigSupported) {
            return new byte[] {(byte) RE_CONFIG};
        }
        return null;
    }

    @Override
    public int valueLengthBytes() {
        int n = 16;
        byte[] ext = extensions();
        if (ext != null) {
            n += Codec.pad4(4 + ext.length);
        }
        if (forwardTsnSupported) {
            n += 4;
        }
        if (cookie != null) {
            n += 4 + cookie.length; // last parameter: its padding is chunk padding
        }
        return n;
    }

    @Override
    public void writeValue(ByteBuffer out) {
        out.putInt(initiateTag);
        out.putInt((int) aRwnd);
        out.putShort((short) outboundStreams);
        out.putShort((short) inboundStreams);
        out.putInt(initialTsn);
        byte[] ext = extensions();
        if (ext != null) {
            Codec.writeTlv(out, PARAM_SUPPORTED_EXTENSIONS, ext, true);
        }
        if (forwardTsnSupported) {
            out.putShort((short) PARAM_FORWARD_TSN_SUPPORTED);
            out.putShort((short) 4);
        }
        if (cookie != null) {
            Codec.writeTlv(out, PARAM_STATE_COOKIE, cookie, false);
        }
    }

    static InitChunk decode(boolean ack, ByteBuffer value) {
        String what = ack ? "INIT ACK" : "INIT";
        Codec.require(value, 16, what);
        int tag = value.getInt();
        long aRwnd = Codec.u32(value);
        int os = Codec.u16(value);
        int mis = Codec.u16(value);
        int initialTsn = value.getInt();
        boolean forwardTsn = false;
        boolean reconfig = false;
        byte[] cookie = null;
        for (Codec.Tlv p : Codec.tlvs(value, 64, what)) {
            switch (p.type()) {
                case PARAM_STATE_COOKIE -> {
                    if (p.value().length > MAX_COOKIE_BYTES) {
                        throw new SctpParseException(what + ": state cookie of " + p.value().length + " bytes");
                    }
                    cookie = p.value();
                }
                case PARAM_FORWARD_TSN_SUPPORTED -> forwardTsn = true;
                case PARAM_SUPPORTED_EXTENSIONS -> {
                    for (byte t : p.value()) {
                        int chunkType = t & 0xFF;
                        if (chunkType == RE_CONFIG) {
                            reconfig = true;
                        } else if (chunkType == FORWARD_TSN) {
                            forwardTsn = true;
                        }
                    }
                }
                default -> {
                    // Unrecognized: skip (IPv4/IPv6 addresses, host names, ECN, AUTH... none apply over DTLS).
                }
            }
        }
        if (ack && cookie == null) {
            throw new SctpParseException("INIT ACK without state cookie");
        }
        return new InitChunk(ack, tag, aRwnd, os, mis, initialTsn, forwardTsn, reconfig, ack ? cookie : null);
    }
}
