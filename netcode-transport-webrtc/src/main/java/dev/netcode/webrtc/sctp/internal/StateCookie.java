package dev.netcode.webrtc.sctp.internal;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The State Cookie of INIT ACK (RFC 9260 §5.1.3): everything needed to build the association,
 * signed with HMAC-SHA256 under a key that never leaves this endpoint, plus its creation time so a
 * replay after {@code lifetimeMs} is refused (§5.1.5).
 *
 * <pre>
 * +--------+--------+--------+--------+--------+--------+--------+--------+
 * | local tag (4)   | peer tag (4)    | local init TSN  | peer init TSN   |
 * | peer a_rwnd (4) | out streams (2), in streams (2)   | flags (4)       |
 * | created at, ms of the association clock (8)       | HMAC (16)       |
 * +--------+--------+--------+--------+--------+--------+--------+--------+
 * </pre>
 *
 * The format is private to this implementation: only we create and read our cookies.
 */
public final class StateCookie {
    static final int BODY_BYTES = 36;
    static final int MAC_BYTES = 16;
    public static final int SIZE_BYTES = BODY_BYTES + MAC_BYTES;

    /** Contents of a verified cookie. */
    public record Contents(int localTag, int peerTag, int localInitialTsn, int peerInitialTsn, long peerRwnd,
            int outboundStreams, int inboundStreams, boolean peerForwardTsn, boolean peerReconfig,
            long createdAtMs) {
    }

    /**
     * Only the key is kept: a cookie is signed or verified once or twice per association, while an
     * initialised {@link Mac} held for its lifetime cost about 1 KiB per connection on a host.
     */
    private final SecretKeySpec key;

    public StateCookie(Random random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        key = new SecretKeySpec(bytes, "HmacSHA256");
    }

    public byte[] create(Contents c) {
        ByteBuffer b = ByteBuffer.allocate(SIZE_BYTES);
        b.putInt(c.localTag()).putInt(c.peerTag()).putInt(c.localInitialTsn()).putInt(c.peerInitialTsn());
        b.putInt((int) c.peerRwnd());
        b.putShort((short) c.outboundStreams()).putShort((short) c.inboundStreams());
        b.putInt((c.peerForwardTsn() ? 1 : 0) | (c.peerReconfig() ? 2 : 0));
        b.putLong(c.createdAtMs());
        b.put(sign(b.array()), 0, MAC_BYTES);
        return b.array();
    }

    /**
     * Verifies the signature and returns the contents, or null if the cookie is not one of ours.
     * Freshness is checked by the caller against {@link Contents#createdAtMs()}.
     */
    public Contents verify(byte[] cookie) {
        if (cookie.length != SIZE_BYTES) {
            return null;
        }
        byte[] expected = sign(cookie);
        byte[] actual = java.util.Arrays.copyOfRange(cookie, BODY_BYTES, SIZE_BYTES);
        if (!MessageDigest.isEqual(java.util.Arrays.copyOf(expected, MAC_BYTES), actual)) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(cookie);
        int localTag = b.getInt();
        int peerTag = b.getInt();
        int localTsn = b.getInt();
        int peerTsn = b.getInt();
        long rwnd = b.getInt() & 0xFFFFFFFFL;
        int os = b.getShort() & 0xFFFF;
        int is = b.getShort() & 0xFFFF;
        int flags = b.getInt();
        long created = b.getLong();
        return new Contents(localTag, peerTag, localTsn, peerTsn, rwnd, os, is, (flags & 1) != 0, (flags & 2) != 0,
                created);
    }

    private byte[] sign(byte[] cookie) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(cookie, 0, BODY_BYTES);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK lacks HmacSHA256", e);
        }
    }
}
