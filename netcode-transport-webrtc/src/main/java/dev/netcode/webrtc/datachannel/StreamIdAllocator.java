package dev.netcode.webrtc.datachannel;

import java.util.BitSet;
import java.util.OptionalInt;

/**
 * Hands out SCTP stream ids for data channels by DTLS role (RFC 8832 §6): the DTLS client
 * ({@code a=setup:active}) opens channels on even ids, the DTLS server on odd ids, so both sides
 * can open channels at the same time without colliding. Ids go from 0 to
 * {@code min(maxStreams - 1, 65534)} (RFC 8831 §6: 65535 is reserved).
 *
 * <pre>{@code
 * StreamIdAllocator ids = StreamIdAllocator.forDtlsRole(dtlsClient, negotiatedStreams);
 * int id = ids.allocate().orElseThrow(() -> new IllegalStateException("no free stream id"));
 * ids.reserve(remoteOpenStreamId);   // a channel the peer opened, or a negotiated one
 * ids.release(id);                   // after the stream reset of a closed channel completed
 * }</pre>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>The DTLS role is known only once the answer is applied; W3C channels created before that
 *       get their id when the SCTP transport connects. Build the allocator then.</li>
 *   <li>Negotiated channels ({@link DataChannelParameters#negotiated()}) may use an id of either
 *       parity: {@link #reserve} them before announcing any channel, or {@link #allocate} may
 *       already have handed the id out.</li>
 *   <li>Release an id only after the outgoing and incoming streams were both reset (RFC 8831
 *       §6.7), or a late message of the old channel lands in the new one.</li>
 *   <li>Not thread-safe: use it on the connection's event loop.</li>
 * </ul>
 */
public final class StreamIdAllocator {
    private final boolean dtlsClient;
    private final int maxId;
    /** Bit i = stream id 2i (even) or 2i+1 (odd) in use. */
    private final BitSet evenInUse = new BitSet();
    private final BitSet oddInUse = new BitSet();

    private StreamIdAllocator(boolean dtlsClient, int maxStreams) {
        if (maxStreams < 1 || maxStreams > 65535) {
            throw new IllegalArgumentException("maxStreams must be 1..65535, got " + maxStreams);
        }
        this.dtlsClient = dtlsClient;
        this.maxId = Math.min(maxStreams - 1, DataChannelParameters.MAX_STREAM_ID);
    }

    /**
     * An allocator for the side whose DTLS role is client ({@code true}) or server, for an
     * association with {@code maxStreams} streams in each direction (the smaller of both sides'
     * stream counts; 65535 in practice: Chromium and Firefox both announce it).
     */
    public static StreamIdAllocator forDtlsRole(boolean dtlsClient, int maxStreams) {
        return new StreamIdAllocator(dtlsClient, maxStreams);
    }

    public boolean isDtlsClient() {
        return dtlsClient;
    }

    /** Highest id this allocator hands out or accepts. */
    public int maxId() {
        return maxId;
    }

    /** True when {@code id} has the parity this side opens channels with. */
    public boolean isLocalParity(int id) {
        return (id & 1) == (dtlsClient ? 0 : 1);
    }

    /** The lowest free id of our parity, now marked used; empty when all are taken. */
    public OptionalInt allocate() {
        int parity = dtlsClient ? 0 : 1;
        BitSet used = parity == 0 ? evenInUse : oddInUse;
        int index = used.nextClearBit(0);
        int id = index * 2 + parity;
        if (id > maxId) {
            return OptionalInt.empty();
        }
        used.set(index);
        return OptionalInt.of(id);
    }

    /**
     * Marks {@code id} used (a negotiated channel, or one the peer opened); false if it is out of
     * range or already in use, which for a remote DATA_CHANNEL_OPEN means the peer broke
     * RFC 8832 §6 and the stream should be reset.
     */
    public boolean reserve(int id) {
        if (id < 0 || id > maxId) {
            return false;
        }
        BitSet used = bits(id);
        if (used.get(id >> 1)) {
            return false;
        }
        used.set(id >> 1);
        return true;
    }

    /** Frees {@code id} for reuse; false if it was not in use. */
    public boolean release(int id) {
        if (id < 0 || id > maxId || !bits(id).get(id >> 1)) {
            return false;
        }
        bits(id).clear(id >> 1);
        return true;
    }

    public boolean isInUse(int id) {
        return id >= 0 && id <= maxId && bits(id).get(id >> 1);
    }

    /** Ids in use, both parities. */
    public int inUseCount() {
        return evenInUse.cardinality() + oddInUse.cardinality();
    }

    private BitSet bits(int id) {
        return (id & 1) == 0 ? evenInUse : oddInUse;
    }
}
