package dev.netcode.webrtc.sctp.internal;

import java.nio.ByteBuffer;

/**
 * Builds outgoing packets: common header, chunks, CRC32c.
 *
 * <p>Usage: {@link #begin}, then {@link #fits}/{@link #add} chunks, then {@link #finish}, hand the
 * returned buffer to the packet sink, then {@link #release()} (also when nothing was added).
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>The buffer is borrowed from the calling thread between {@code begin} and {@code release}
 *       and shared with every association that thread serves: a packet is built and handed to the
 *       sink in one go, so one buffer per thread does instead of one per association (1.5 KiB per
 *       connection on a host). A thread that begins a packet while its buffer is borrowed (a sink
 *       that delivers synchronously into another association) gets a private one.</li>
 *   <li>Forgetting {@code release} is not a leak, but every later packet on that thread then
 *       allocates its own buffer.</li>
 * </ul>
 */
public final class PacketWriter {
    /** One packet buffer per thread, lent to one writer at a time. */
    private static final class Scratch {
        ByteBuffer buffer;
        boolean lent;
    }

    private static final ThreadLocal<Scratch> PER_THREAD = ThreadLocal.withInitial(Scratch::new);

    private final int capacityBytes;
    private final int sourcePort;
    private final int destinationPort;
    /** The borrowed buffer between begin and release, else null. */
    private ByteBuffer buffer;
    private Scratch lentBy;
    /** begin() calls not yet released: a nested begin on the same writer reuses its buffer, as it always did. */
    private int holds;
    private int chunkCount;

    public PacketWriter(int mtuBytes, int sourcePort, int destinationPort) {
        // Headroom beyond the MTU for a single oversized control chunk (a large INIT ACK cookie).
        this.capacityBytes = Math.max(mtuBytes, 1500);
        this.sourcePort = sourcePort;
        this.destinationPort = destinationPort;
    }

    private void borrow() {
        Scratch s = PER_THREAD.get();
        if (s.lent) {
            buffer = ByteBuffer.allocate(capacityBytes);
            return;
        }
        if (s.buffer == null || s.buffer.capacity() < capacityBytes) {
            s.buffer = ByteBuffer.allocate(capacityBytes);
        }
        s.lent = true;
        lentBy = s;
        buffer = s.buffer;
    }

    /** Gives the buffer back to the thread; the packet from {@link #finish} is invalid afterwards. */
    public void release() {
        if (holds > 0 && --holds > 0) {
            return;
        }
        if (lentBy != null) {
            lentBy.lent = false;
            lentBy = null;
        }
        buffer = null;
    }

    public void begin(int verificationTag) {
        if (buffer == null) {
            borrow();
        }
        holds++;
        // Limited to this writer's capacity (the thread's buffer may be larger for another association).
        buffer.clear().limit(capacityBytes);
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
        return buffer.position() + chunk.paddedLengthBytes() <= Math.min(mtuBytes, capacityBytes);
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
