package dev.netcode.webrtc.sctp.internal;

import dev.netcode.webrtc.sctp.SctpParseException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Decodes whole SCTP packets and computes their checksum.
 *
 * <p>The checksum is CRC32c (RFC 9260 §6.8 and Appendix A) over the packet with the checksum
 * field set to zero; the CRC value is stored least significant byte first, which is how every
 * deployed stack (Linux, usrsctp, dcSCTP) reads it.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>DATA payloads are copied out of the input: the caller may reuse the buffer afterwards.</li>
 *   <li>A packet is limited to {@link #MAX_CHUNKS} chunks so that a hostile packet of 4-byte
 *       chunks cannot cost thousands of allocations.</li>
 * </ul>
 */
public final class SctpPacketCodec {
    /** Upper bound on chunks per packet (a 1,200-byte packet of 4-byte chunks has 297). */
    public static final int MAX_CHUNKS = 512;

    private SctpPacketCodec() {
    }

    /**
     * Decodes {@code packet} (position..limit, not consumed).
     *
     * @throws SctpParseException on a bad checksum or any malformed chunk
     */
    public static SctpPacket decode(ByteBuffer packet) {
        ByteBuffer b = packet.slice().order(ByteOrder.BIG_ENDIAN);
        if (b.remaining() < SctpPacket.HEADER_BYTES) {
            throw new SctpParseException("packet of " + b.remaining() + " bytes is shorter than the common header");
        }
        int expected = Integer.reverseBytes(b.getInt(8));
        if (checksum(b) != expected) {
            throw new SctpParseException("bad CRC32c checksum");
        }
        int src = b.getShort(0) & 0xFFFF;
        int dst = b.getShort(2) & 0xFFFF;
        int vtag = b.getInt(4);
        b.position(SctpPacket.HEADER_BYTES);
        List<Chunk> chunks = new ArrayList<>(4);
        while (b.remaining() >= 4) {
            int type = b.get() & 0xFF;
            int flags = b.get() & 0xFF;
            int length = b.getShort() & 0xFFFF;
            if (length < 4) {
                throw new SctpParseException("chunk type " + type + " with length " + length);
            }
            if (length - 4 > b.remaining()) {
                throw new SctpParseException("chunk type " + type + " of length " + length + " exceeds packet");
            }
            if (chunks.size() == MAX_CHUNKS) {
                throw new SctpParseException("more than " + MAX_CHUNKS + " chunks");
            }
            ByteBuffer value = b.slice();
            value.limit(length - 4);
            chunks.add(decodeChunk(type, flags, value));
            int next = b.position() + Codec.pad4(length) - 4;
            b.position(Math.min(next, b.limit()));
        }
        if (b.hasRemaining()) {
            throw new SctpParseException(b.remaining() + " trailing bytes after last chunk");
        }
        if (chunks.isEmpty()) {
            throw new SctpParseException("packet without chunks");
        }
        return new SctpPacket(src, dst, vtag, chunks);
    }

    private static Chunk decodeChunk(int type, int flags, ByteBuffer v) {
        return switch (type) {
            case Chunk.DATA -> DataChunk.decode(flags, v);
            case Chunk.INIT -> InitChunk.decode(false, v);
            case Chunk.INIT_ACK -> InitChunk.decode(true, v);
            case Chunk.SACK -> SackChunk.decode(v);
            case Chunk.HEARTBEAT -> HeartbeatChunk.decode(false, v);
            case Chunk.HEARTBEAT_ACK -> HeartbeatChunk.decode(true, v);
            case Chunk.ABORT -> AbortChunk.decode(flags, v);
            case Chunk.SHUTDOWN -> ShutdownChunk.decode(v);
            case Chunk.SHUTDOWN_ACK -> new ShutdownAckChunk();
            case Chunk.ERROR -> ErrorChunk.decode(v);
            case Chunk.COOKIE_ECHO -> CookieEchoChunk.decode(v);
            case Chunk.COOKIE_ACK -> new CookieAckChunk();
            case Chunk.SHUTDOWN_COMPLETE -> new ShutdownCompleteChunk((flags & 1) != 0);
            case Chunk.FORWARD_TSN -> ForwardTsnChunk.decode(v);
            case Chunk.RE_CONFIG -> ReconfigChunk.decode(v);
            default -> new UnknownChunk(type, flags, Codec.bytes(v, Math.min(v.remaining(), 64)));
        };
    }

    /** CRC32c of the packet (position..limit) with the checksum field counted as zero. */
    public static int checksum(ByteBuffer packet) {
        // One CRC32C per thread, and no duplicate of the buffer: this runs for every packet.
        CRC32C crc = CRC.get();
        crc.reset();
        int start = packet.position();
        int end = packet.limit();
        if (packet.hasArray()) {
            byte[] a = packet.array();
            int offset = packet.arrayOffset() + start;
            crc.update(a, offset, 8);
            crc.update(ZEROS, 0, 4);
            crc.update(a, offset + SctpPacket.HEADER_BYTES, end - start - SctpPacket.HEADER_BYTES);
        } else {
            try {
                packet.limit(start + 8);
                crc.update(packet);
                crc.update(ZEROS, 0, 4);
                packet.limit(end).position(start + SctpPacket.HEADER_BYTES);
                crc.update(packet);
            } finally {
                packet.limit(end).position(start);
            }
        }
        return (int) crc.getValue();
    }

    private static final ThreadLocal<CRC32C> CRC = ThreadLocal.withInitial(CRC32C::new);

    private static final byte[] ZEROS = new byte[4];
}
