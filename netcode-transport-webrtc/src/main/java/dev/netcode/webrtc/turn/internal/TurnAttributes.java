package dev.netcode.webrtc.turn.internal;

import dev.netcode.webrtc.stun.StunMessage;
import dev.netcode.webrtc.stun.StunTransactionId;
import dev.netcode.webrtc.turn.TurnParseException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

/**
 * The TURN attributes (RFC 8656 §18) on top of the STUN codec: type codes, and encoders/decoders for
 * their values. {@link StunMessage} keeps unknown attributes as raw bytes; this class gives them
 * meaning and checks their sizes, so a hostile server cannot make the client read past a value.
 *
 * <pre>
 *   CHANNEL-NUMBER (0x000C, §18.1)      LIFETIME (0x000D, §18.2)
 *   |   Channel Number  |    RFFU = 0   |   |          Lifetime (seconds)           |
 *
 *   XOR-PEER-ADDRESS (0x0012, §18.3) and XOR-RELAYED-ADDRESS (0x0016, §18.5): the layout of
 *   XOR-MAPPED-ADDRESS (RFC 8489 §14.2)
 *   |0 0 0 0 0 0 0 0|    Family     |         X-Port                |
 *   |                X-Address (32 or 128 bits)                     |
 *
 *   REQUESTED-TRANSPORT (0x0019, §18.7)
 *   |    Protocol   |                    RFFU                       |
 * </pre>
 */
public final class TurnAttributes {
    public static final int CHANNEL_NUMBER = 0x000C;
    public static final int LIFETIME = 0x000D;
    public static final int XOR_PEER_ADDRESS = 0x0012;
    public static final int DATA = 0x0013;
    public static final int XOR_RELAYED_ADDRESS = 0x0016;
    public static final int REQUESTED_ADDRESS_FAMILY = 0x0017;
    public static final int EVEN_PORT = 0x0018;
    public static final int REQUESTED_TRANSPORT = 0x0019;
    public static final int DONT_FRAGMENT = 0x001A;
    public static final int RESERVATION_TOKEN = 0x0022;
    /** IANA protocol number of UDP, the only relayed transport this client requests. */
    public static final int PROTOCOL_UDP = 17;
    /** RFC 8489 §14.9/§14.10: REALM and NONCE are under 128 characters; bytes are bounded at 763. */
    public static final int MAX_REALM_NONCE_BYTES = 763;

    private TurnAttributes() {
    }

    /** The 4-byte LIFETIME value. */
    public static byte[] lifetime(long seconds) {
        return fourBytes((int) seconds);
    }

    /** REQUESTED-TRANSPORT for UDP. */
    public static byte[] requestedTransportUdp() {
        return new byte[] {(byte) PROTOCOL_UDP, 0, 0, 0};
    }

    /** CHANNEL-NUMBER with RFFU zero. */
    public static byte[] channelNumber(int channel) {
        return new byte[] {(byte) (channel >>> 8), (byte) channel, 0, 0};
    }

    private static byte[] fourBytes(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    /** An XOR address value (XOR-PEER-ADDRESS etc.) for a message with {@code tid}. */
    public static byte[] xorAddress(InetSocketAddress address, StunTransactionId tid) {
        byte[] ip = address.getAddress().getAddress();
        byte[] value = new byte[4 + ip.length];
        value[1] = (byte) (ip.length == 4 ? 1 : 2);
        int port = address.getPort() ^ (StunMessage.MAGIC_COOKIE >>> 16);
        value[2] = (byte) (port >>> 8);
        value[3] = (byte) port;
        byte[] mask = mask(tid);
        for (int i = 0; i < ip.length; i++) {
            value[4 + i] = (byte) (ip[i] ^ mask[i]);
        }
        return value;
    }

    /** Decodes an XOR address value, or throws on a bad family/length. */
    public static InetSocketAddress decodeXorAddress(byte[] value, StunTransactionId tid) throws TurnParseException {
        if (value.length < 4) {
            throw new TurnParseException("XOR address shorter than 4 bytes");
        }
        int family = value[1] & 0xFF;
        int ipLength = family == 1 ? 4 : family == 2 ? 16 : -1;
        if (ipLength < 0 || value.length != 4 + ipLength) {
            throw new TurnParseException("XOR address family " + family + " with length " + value.length);
        }
        int port = (((value[2] & 0xFF) << 8) | (value[3] & 0xFF)) ^ (StunMessage.MAGIC_COOKIE >>> 16);
        byte[] mask = mask(tid);
        byte[] ip = new byte[ipLength];
        for (int i = 0; i < ipLength; i++) {
            ip[i] = (byte) (value[4 + i] ^ mask[i]);
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(ip), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("checked address length", e);
        }
    }

    /** The magic cookie followed by the transaction id: the xor mask of RFC 8489 §14.2. */
    private static byte[] mask(StunTransactionId tid) {
        byte[] mask = new byte[16];
        mask[0] = 0x21;
        mask[1] = 0x12;
        mask[2] = (byte) 0xA4;
        mask[3] = 0x42;
        for (int i = 0; i < 12; i++) {
            mask[4 + i] = tid.byteAt(i);
        }
        return mask;
    }

    /** LIFETIME in seconds (unsigned 32-bit), or throws when not exactly 4 bytes. */
    public static long decodeLifetime(byte[] value) throws TurnParseException {
        if (value.length != 4) {
            throw new TurnParseException("LIFETIME of " + value.length + " bytes");
        }
        return (((value[0] & 0xFFL) << 24) | ((value[1] & 0xFF) << 16) | ((value[2] & 0xFF) << 8) | (value[3] & 0xFF));
    }

    /** REALM or NONCE text, bounded. */
    public static String decodeText(byte[] value, String name) throws TurnParseException {
        if (value.length > MAX_REALM_NONCE_BYTES) {
            throw new TurnParseException(name + " of " + value.length + " bytes exceeds " + MAX_REALM_NONCE_BYTES);
        }
        return new String(value, StandardCharsets.UTF_8);
    }
}
