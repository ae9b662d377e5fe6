package dev.netcode.lobby.turn;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Just enough of a TURN client (RFC 8656 section 7.2, Allocate with the long-term credential
 * mechanism of RFC 8489 section 9.2) to ask a real TURN server whether it accepts a
 * username/password. Test-only: the real TURN client belongs to the WebRTC transport.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |0 0|     STUN Message Type     |         Message Length        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         Magic Cookie                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     Transaction ID (96 bits)                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
final class TurnAllocateProbe {
    private static final int MAGIC = 0x2112A442;
    private static final int ALLOCATE = 0x0003;
    private static final int ALLOCATE_SUCCESS = 0x0103;
    private static final int ATTR_USERNAME = 0x0006;
    private static final int ATTR_MESSAGE_INTEGRITY = 0x0008;
    private static final int ATTR_ERROR_CODE = 0x0009;
    private static final int ATTR_REALM = 0x0014;
    private static final int ATTR_NONCE = 0x0015;
    private static final int ATTR_REQUESTED_TRANSPORT = 0x0019;

    /** Outcome: 0 for an allocation, else the STUN error code (401 = credentials refused). */
    static int allocate(InetSocketAddress server, String username, String password) throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(2000);
            // First request without credentials: the server answers 401 with REALM and NONCE.
            byte[] challenge = exchange(socket, server, request(null, null, null, null));
            Response first = Response.parse(challenge);
            if (first.type == ALLOCATE_SUCCESS) {
                return 0;
            }
            if (first.errorCode != 401 || first.realm == null || first.nonce == null) {
                return first.errorCode;
            }
            Response second = Response.parse(exchange(socket, server, request(username, first.realm, first.nonce, password)));
            return second.type == ALLOCATE_SUCCESS ? 0 : second.errorCode;
        }
    }

    private static byte[] exchange(DatagramSocket socket, InetSocketAddress server, byte[] request) throws IOException {
        byte[] buffer = new byte[1500];
        for (int attempt = 0; attempt < 10; attempt++) {
            socket.send(new DatagramPacket(request, request.length, server));
            DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(reply);
                byte[] out = new byte[reply.getLength()];
                System.arraycopy(buffer, 0, out, 0, out.length);
                return out;
            } catch (SocketTimeoutException retry) {
                // UDP, or the server still starting: retransmit.
            }
        }
        throw new IOException("no answer from TURN server " + server);
    }

    private static byte[] request(String username, String realm, String nonce, String password) {
        ByteBuffer b = ByteBuffer.allocate(512);
        b.putShort((short) ALLOCATE).putShort((short) 0).putInt(MAGIC);
        byte[] txId = new byte[12];
        new SecureRandom().nextBytes(txId);
        b.put(txId);
        attribute(b, ATTR_REQUESTED_TRANSPORT, new byte[] {17, 0, 0, 0}); // UDP
        if (username != null) {
            attribute(b, ATTR_USERNAME, username.getBytes(StandardCharsets.UTF_8));
            attribute(b, ATTR_REALM, realm.getBytes(StandardCharsets.UTF_8));
            attribute(b, ATTR_NONCE, nonce.getBytes(StandardCharsets.UTF_8));
            // RFC 8489 section 14.5: length covers up to and including MESSAGE-INTEGRITY; key = MD5(user:realm:pass).
            int lengthWithIntegrity = b.position() - 20 + 24;
            b.putShort(2, (short) lengthWithIntegrity);
            byte[] signed = new byte[b.position()];
            System.arraycopy(b.array(), 0, signed, 0, signed.length);
            attribute(b, ATTR_MESSAGE_INTEGRITY, hmacSha1(md5(username + ":" + realm + ":" + password), signed));
        }
        b.putShort(2, (short) (b.position() - 20));
        byte[] out = new byte[b.position()];
        System.arraycopy(b.array(), 0, out, 0, out.length);
        return out;
    }

    private static void attribute(ByteBuffer b, int type, byte[] value) {
        b.putShort((short) type).putShort((short) value.length).put(value);
        while (b.position() % 4 != 0) {
            b.put((byte) 0);
        }
    }

    private static byte[] md5(String s) {
        try {
            return MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmacSha1(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Response(int type, int errorCode, String realm, String nonce) {
        static Response parse(byte[] message) {
            ByteBuffer b = ByteBuffer.wrap(message);
            int type = b.getShort() & 0xffff;
            int length = b.getShort() & 0xffff;
            b.position(20);
            int end = Math.min(message.length, 20 + length);
            int error = 0;
            String realm = null;
            String nonce = null;
            while (b.position() + 4 <= end) {
                int attrType = b.getShort() & 0xffff;
                int attrLength = b.getShort() & 0xffff;
                byte[] value = new byte[Math.min(attrLength, end - b.position())];
                b.get(value);
                b.position(Math.min(end, b.position() + ((4 - attrLength % 4) % 4)));
                if (attrType == ATTR_ERROR_CODE && value.length >= 4) {
                    error = (value[2] & 0x7) * 100 + (value[3] & 0xff);
                } else if (attrType == ATTR_REALM) {
                    realm = new String(value, StandardCharsets.UTF_8);
                } else if (attrType == ATTR_NONCE) {
                    nonce = new String(value, StandardCharsets.UTF_8);
                }
            }
            return new Response(type, error, realm, nonce);
        }
    }
}
