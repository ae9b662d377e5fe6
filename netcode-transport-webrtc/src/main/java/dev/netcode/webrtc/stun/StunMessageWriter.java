package dev.netcode.webrtc.stun;

import dev.netcode.webrtc.stun.internal.StunCrypto;
import io.netty.buffer.ByteBuf;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import javax.crypto.Mac;

/**
 * Writes one STUN message (RFC 8489 §5, §14; layout in {@link StunMessage}) straight into a
 * {@link ByteBuf}: attributes are appended in call order, each value padded to 4 bytes, and the
 * header's length field is kept current after every attribute so MESSAGE-INTEGRITY and FINGERPRINT
 * can be computed in place.
 *
 * <pre>{@code
 * StunMessageWriter w = new StunMessageWriter();          // reusable, one per thread
 * w.begin(buf, StunClass.REQUEST, StunMethod.BINDING, StunTransactionId.random())
 *  .username("remote:local").priority(p).iceControlling(tieBreaker)
 *  .messageIntegrity(remotePassword).fingerprint();
 * }</pre>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>MESSAGE-INTEGRITY covers only what was written before it, and FINGERPRINT must be last:
 *       write them in that order, after every other attribute. The writer refuses attributes after
 *       FINGERPRINT.</li>
 *   <li>The instance is not thread-safe; it keeps no reference to the buffer after
 *       {@link #finish()}.</li>
 *   <li>Padding bytes are zero by default; RFC 5769's vectors use spaces, hence
 *       {@link #paddingByte(int)}. Receivers must ignore padding content either way.</li>
 * </ul>
 */
public final class StunMessageWriter {
    private ByteBuf out;
    private int start;
    private int paddingByte;
    private boolean sealed;
    private final byte[] cookieAndTid = new byte[16];

    /**
     * Starts a message at {@code out}'s writer index.
     *
     * @param method 12-bit method, e.g. {@link StunMethod#BINDING}
     */
    public StunMessageWriter begin(ByteBuf out, StunClass messageClass, int method, StunTransactionId transactionId) {
        if (method < 0 || method > StunMethod.MAX) {
            throw new IllegalArgumentException("STUN method must be 12 bits: " + method);
        }
        this.out = out;
        this.start = out.writerIndex();
        this.paddingByte = 0;
        this.sealed = false;
        int c = messageClass.bits();
        int type = (method & 0xF) | ((method & 0x70) << 1) | ((method & 0xF80) << 2) | ((c & 1) << 4) | ((c & 2) << 7);
        out.writeShort(type);
        out.writeShort(0);
        out.writeInt(StunMessage.MAGIC_COOKIE);
        transactionId.copyTo(cookieAndTid, 4);
        cookieAndTid[0] = 0x21;
        cookieAndTid[1] = 0x12;
        cookieAndTid[2] = (byte) 0xA4;
        cookieAndTid[3] = 0x42;
        out.writeBytes(cookieAndTid, 4, 12);
        return this;
    }

    /** Byte used for padding from now on (0..255). */
    public StunMessageWriter paddingByte(int value) {
        this.paddingByte = value;
        return this;
    }

    /** Appends an attribute with {@code length} value bytes from {@code value} at {@code offset}. */
    public StunMessageWriter attribute(int type, byte[] value, int offset, int length) {
        header(type, length);
        out.writeBytes(value, offset, length);
        pad(length);
        return this;
    }

    /** Appends an attribute with the whole of {@code value}. */
    public StunMessageWriter attribute(int type, byte[] value) {
        return attribute(type, value, 0, value.length);
    }

    private void header(int type, int length) {
        if (out == null) {
            throw new IllegalStateException("begin() first");
        }
        if (sealed) {
            throw new IllegalStateException("FINGERPRINT must be the last attribute");
        }
        if (type < 0 || type > 0xFFFF || length < 0 || length > 0xFFFF) {
            throw new IllegalArgumentException("attribute type/length out of range: " + type + "/" + length);
        }
        int newBody = out.writerIndex() - start - StunMessage.HEADER_BYTES + 4 + ((length + 3) & ~3);
        if (newBody + StunMessage.HEADER_BYTES > StunMessage.MAX_MESSAGE_BYTES) {
            throw new IllegalArgumentException("STUN message would exceed " + StunMessage.MAX_MESSAGE_BYTES + " bytes");
        }
        out.writeShort(type);
        out.writeShort(length);
    }

    private void pad(int length) {
        for (int i = length; (i & 3) != 0; i++) {
            out.writeByte(paddingByte);
        }
        setLength(out.writerIndex() - start - StunMessage.HEADER_BYTES);
    }

    private void setLength(int bodyLength) {
        out.setShort(start + 2, bodyLength);
    }

    private StunMessageWriter text(int type, String value, int maxBytes) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > maxBytes) {
            throw new IllegalArgumentException("attribute 0x" + Integer.toHexString(type) + " exceeds " + maxBytes + " bytes");
        }
        return attribute(type, utf8);
    }

    /** USERNAME (RFC 8489 §14.3); for ICE checks {@code "remoteUfrag:localUfrag"}. */
    public StunMessageWriter username(String username) {
        return text(StunAttributeType.USERNAME, username, StunMessage.MAX_USERNAME_BYTES);
    }

    /** SOFTWARE (RFC 8489 §14.14). */
    public StunMessageWriter software(String software) {
        return text(StunAttributeType.SOFTWARE, software, StunMessage.MAX_TEXT_BYTES);
    }

    /** XOR-MAPPED-ADDRESS (RFC 8489 §14.2); the address must be resolved. */
    public StunMessageWriter xorMappedAddress(InetSocketAddress address) {
        return address(StunAttributeType.XOR_MAPPED_ADDRESS, address, true);
    }

    /** MAPPED-ADDRESS (RFC 8489 §14.1), for RFC 3489 clients; prefer XOR-MAPPED-ADDRESS. */
    public StunMessageWriter mappedAddress(InetSocketAddress address) {
        return address(StunAttributeType.MAPPED_ADDRESS, address, false);
    }

    private StunMessageWriter address(int type, InetSocketAddress address, boolean xor) {
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("unresolved address " + address);
        }
        byte[] ip = address.getAddress().getAddress();
        header(type, 4 + ip.length);
        out.writeByte(0);
        out.writeByte(address.getAddress() instanceof Inet4Address ? 1 : 2);
        int port = address.getPort();
        out.writeShort(xor ? port ^ (StunMessage.MAGIC_COOKIE >>> 16) : port);
        for (int i = 0; i < ip.length; i++) {
            out.writeByte(xor ? ip[i] ^ cookieAndTid[i] : ip[i]);
        }
        pad(4 + ip.length);
        return this;
    }

    /** PRIORITY (RFC 8445 §16.1), an unsigned 32-bit value. */
    public StunMessageWriter priority(long priority) {
        if (priority < 0 || priority > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("priority must be unsigned 32-bit: " + priority);
        }
        header(StunAttributeType.PRIORITY, 4);
        out.writeInt((int) priority);
        pad(4);
        return this;
    }

    /** USE-CANDIDATE (RFC 8445 §16.1), empty. */
    public StunMessageWriter useCandidate() {
        header(StunAttributeType.USE_CANDIDATE, 0);
        pad(0);
        return this;
    }

    /** ICE-CONTROLLING with its 64-bit tie-breaker (RFC 8445 §16.1). */
    public StunMessageWriter iceControlling(long tieBreaker) {
        return eightBytes(StunAttributeType.ICE_CONTROLLING, tieBreaker);
    }

    /** ICE-CONTROLLED with its 64-bit tie-breaker (RFC 8445 §16.1). */
    public StunMessageWriter iceControlled(long tieBreaker) {
        return eightBytes(StunAttributeType.ICE_CONTROLLED, tieBreaker);
    }

    private StunMessageWriter eightBytes(int type, long value) {
        header(type, 8);
        out.writeLong(value);
        pad(8);
        return this;
    }

    /** ERROR-CODE (RFC 8489 §14.8). */
    public StunMessageWriter errorCode(StunErrorCode error) {
        byte[] reason = error.reason().getBytes(StandardCharsets.UTF_8);
        if (reason.length > StunMessage.MAX_TEXT_BYTES) {
            throw new IllegalArgumentException("reason phrase exceeds " + StunMessage.MAX_TEXT_BYTES + " bytes");
        }
        header(StunAttributeType.ERROR_CODE, 4 + reason.length);
        out.writeShort(0);
        out.writeByte(error.code() / 100);
        out.writeByte(error.code() % 100);
        out.writeBytes(reason);
        pad(4 + reason.length);
        return this;
    }

    /** UNKNOWN-ATTRIBUTES (RFC 8489 §14.9). */
    public StunMessageWriter unknownAttributes(int... types) {
        header(StunAttributeType.UNKNOWN_ATTRIBUTES, 2 * types.length);
        for (int t : types) {
            out.writeShort(t);
        }
        pad(2 * types.length);
        return this;
    }

    /**
     * MESSAGE-INTEGRITY (RFC 8489 §14.5): HMAC-SHA1 keyed with {@code key} over everything written so
     * far, with the length field already counting this attribute.
     */
    public StunMessageWriter messageIntegrity(byte[] key) {
        return hmac(StunAttributeType.MESSAGE_INTEGRITY, StunCrypto.hmacSha1(key), 20);
    }

    /** MESSAGE-INTEGRITY with the UTF-8 bytes of an ICE password (short-term credential). */
    public StunMessageWriter messageIntegrity(String password) {
        return messageIntegrity(password.getBytes(StandardCharsets.UTF_8));
    }

    /** MESSAGE-INTEGRITY-SHA256 (RFC 8489 §14.6), full 32 bytes. */
    public StunMessageWriter messageIntegritySha256(byte[] key) {
        return hmac(StunAttributeType.MESSAGE_INTEGRITY_SHA256, StunCrypto.hmacSha256(key), 32);
    }

    private StunMessageWriter hmac(int type, Mac mac, int size) {
        int covered = out.writerIndex() - start;
        setLength(covered - StunMessage.HEADER_BYTES + 4 + size);
        mac.update(out.nioBuffer(start, covered));
        byte[] digest = mac.doFinal();
        header(type, size);
        out.writeBytes(digest, 0, size);
        pad(size);
        return this;
    }

    /** FINGERPRINT (RFC 8489 §14.7): CRC-32 of everything before it, xor 0x5354554E. Must be last. */
    public StunMessageWriter fingerprint() {
        int covered = out.writerIndex() - start;
        setLength(covered - StunMessage.HEADER_BYTES + 8);
        CRC32 crc = StunCrypto.crc32();
        crc.update(out.nioBuffer(start, covered));
        int value = (int) crc.getValue() ^ StunMessage.FINGERPRINT_XOR;
        header(StunAttributeType.FINGERPRINT, 4);
        out.writeInt(value);
        pad(4);
        sealed = true;
        return this;
    }

    /** Ends the message; returns its size in bytes. */
    public int finish() {
        int size = out.writerIndex() - start;
        out = null;
        return size;
    }
}
