package dev.netcode.webrtc.sctp.internal;

import java.nio.ByteBuffer;

/**
 * Builds outgoing packets in one reusable buffer: common header, chunks, CRC32c.
 *
 * <p>Usage: {@link #begin}, then {@link #fits}/{@link #add} chunks, then {@link #finish} and hand the
 * returned buffer to the packet sink before the next {@code begin}.
 */
public final class PacketWriter {
    private final ByteBuffer buffer;
    private final int sourcePort;
    private final int destinationPort;
    private int chunkCount;

    public PacketWriter(int mtuBytes, int sourcePort, int destinationPort) {
        // Headroom beyond the MTU for a single oversized control chunk (a large INIT ACK cookie).
        this.buffer = ByteBuffer.allocate(Math.max(mtuBytes, 1500));
        this.sourcePort = sourcePort;
        this.destinationPort = destinationPort;
    }

    public void begin(int verificationTag) {
        buffer.clear();
        buffer.putShort((short) sourcePort);
        buffer.putShort((short) destinationPort);
        buffer.putInt(verificationTag);
        buffer.putInt(0);
        chunkCount = 0;
    }

    /** Bytes written so far (header included). */
    public int sizeBytes() {
        return buffer.position();
    }

    public int chunkCount() {
        return chunkCount;
    }

    public boolean isEmpty() {
        return chunkCount == 0;
    }

    /** Whether {@code chunk} fits within {@code mtuBytes}. */
    public boolean fits(Chunk chunk, int mtuBytes) {
        return buffer.position() + chunk.paddedLengthBytes() <= Math.min(mtuBytes, buffer.capacity());
    }

    public void add(Chunk chunk) {
        chunk.encode(buffer);
        chunkCount++;
    }

    /** Writes the checksum and returns the packet (valid until the next {@link #begin}). */
    public ByteBuffer finish() {
        buffer.flip();
        buffer.putInt(8, Integer.reverseBytes(SctpPacketCodec.checksum(buffer)));
        return buffer;
    }
}
