package dev.netcode.core.snapshot;

import dev.netcode.core.snapshot.internal.WireCodes;
import java.util.Arrays;
import java.util.Objects;

/**
 * The client side of snapshot replication: decodes packets written by a {@link SnapshotSender}
 * against the baselines it has decoded before, and tells the caller what to acknowledge.
 *
 * <pre>{@code
 * SnapshotReceiver receiver = new SnapshotReceiver(registry, SnapshotConfig.DEFAULT);
 * // per received snapshot packet
 * try {
 *     Snapshot view = receiver.receive(bytes, 0, length);
 *     if (view != null) {
 *         interpolationBuffer.add(view);   // the whole client-side world at view.tick()
 *     }
 * } catch (SnapshotFormatException e) {
 *     // hostile or corrupt: drop the packet, count it
 * }
 * // in every packet to the server (e.g. with inputs)
 * sendAck(receiver.ackSequence());
 * }</pre>
 *
 * <p>See {@link SnapshotSender} for the wire format. Decoding is bounded: at most
 * {@link SnapshotConfig#maxEntitiesPerPacket()} destroys and entities, ids below
 * {@code 2^idBits}, strictly ascending, type ids inside the registry, relative values inside their
 * slot widths. Any violation, and any read past the end, is a {@link SnapshotFormatException}; the
 * receiver's state is then unchanged.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>{@code receive} returns {@code null} for a packet older than the newest decoded one and for
 *       a packet whose baseline this receiver no longer has (or never had); neither is an error, both
 *       are counted ({@link #staleDropped()}, {@link #missingBaseline()}).</li>
 *   <li>A full-state packet (no baseline) replaces the view: entities the server could not fit into
 *       it appear in the following packets.</li>
 *   <li>Not thread-safe: decode on one thread (the network thread or the game thread).</li>
 * </ul>
 */
public final class SnapshotReceiver {
    private static final int HEADER_BITS = WireCodes.SEQUENCE_BITS + 32 + 1;

    private final SchemaRegistry registry;
    private final SnapshotConfig config;
    private final Snapshot[] ring;
    private final int[] ringSequence;
    private final BitReader reader = new BitReader();
    private final int[] scratch;
    private boolean[] destroyed = new boolean[64];
    private int latestSequence = -1;
    private Snapshot latest;
    private long staleDropped;
    private long missingBaseline;
    private long decoded;

    public SnapshotReceiver(SchemaRegistry registry, SnapshotConfig config) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.config = Objects.requireNonNull(config, "config");
        this.ring = new Snapshot[config.ringSize()];
        this.ringSequence = new int[config.ringSize()];
        Arrays.fill(ringSequence, -1);
        int maxSlots = 0;
        for (int t = 0; t < registry.size(); t++) {
            maxSlots = Math.max(maxSlots, registry.schema(t).slotCount());
        }
        this.scratch = new int[maxSlots];
    }

    /**
     * Decodes one packet.
     *
     * @return the client's new view of the world, or {@code null} when the packet is stale or its
     *         baseline is unknown
     * @throws SnapshotFormatException when the bytes are not a valid snapshot
     */
    public Snapshot receive(byte[] packet, int offset, int length) {
        reader.wrap(packet, offset, length);
        if (reader.bitsRemaining() < HEADER_BITS) {
            throw new SnapshotFormatException("snapshot shorter than its header: " + length + " bytes");
        }
        int sequence = reader.readBits(WireCodes.SEQUENCE_BITS);
        int tick = reader.readBits(32);
        boolean hasBaseline = reader.readBool();
        if (latestSequence >= 0 && WireCodes.sequenceDelta(sequence, latestSequence) <= 0) {
            staleDropped++;
            return null;
        }
        Snapshot base;
        if (hasBaseline) {
            int distance = reader.readBits(config.distanceBits()) + 1;
            if (distance >= ring.length) {
                throw new SnapshotFormatException("baseline distance " + distance + " not below ring size " + ring.length);
            }
            int baseSequence = (sequence - distance) & WireCodes.SEQUENCE_MASK;
            int slot = baseSequence & (ring.length - 1);
            if (ringSequence[slot] != baseSequence) {
                missingBaseline++;
                return null;
            }
            base = ring[slot];
        } else {
            base = Snapshot.empty(registry, 0);
        }
        int idBits = config.idBits();
        int limit = config.maxEntitiesPerPacket();

        if (destroyed.length < base.size()) {
            destroyed = new boolean[Math.max(base.size(), destroyed.length * 2)];
        }
        Arrays.fill(destroyed, 0, base.size(), false);
        int destroys = (int) reader.readVarUIntBounded(Math.min(limit, base.size()));
        int previous = -1;
        int cursor = 0;
        for (int d = 0; d < destroys; d++) {
            int id = WireCodes.readIdGap(reader, previous, idBits);
            previous = id;
            while (cursor < base.size() && base.id(cursor) < id) {
                cursor++;
            }
            if (cursor >= base.size() || base.id(cursor) != id) {
                throw new SnapshotFormatException("destroy of entity " + id + " that the baseline does not hold");
            }
            destroyed[cursor] = true;
        }

        int count = (int) reader.readVarUIntBounded(limit);
        Snapshot.Builder view = new Snapshot.Builder(registry, tick);
        int[] baseData = base.data();
        previous = -1;
        cursor = 0;
        for (int e = 0; e < count; e++) {
            int id = WireCodes.readIdGap(reader, previous, idBits);
            previous = id;
            while (cursor < base.size() && base.id(cursor) < id) {
                copyBase(view, base, cursor++);
            }
            boolean inBase = cursor < base.size() && base.id(cursor) == id;
            if (inBase && !destroyed[cursor]) {
                int typeId = base.typeId(cursor);
                EntitySchema schema = registry.schema(typeId);
                EntityCodec.readDelta(reader, schema, baseData, base.stateOffset(cursor), scratch);
                view.addUnchecked(id, typeId, scratch, 0, schema.slotCount());
            } else {
                int typeId = reader.readBits(registry.typeBits());
                if (typeId >= registry.size()) {
                    throw new SnapshotFormatException("unknown entity type " + typeId);
                }
                EntitySchema schema = registry.schema(typeId);
                EntityCodec.readFull(reader, schema, scratch);
                view.addUnchecked(id, typeId, scratch, 0, schema.slotCount());
            }
            if (inBase) {
                cursor++;
            }
        }
        while (cursor < base.size()) {
            copyBase(view, base, cursor++);
        }
        Snapshot result = view.build();
        int slot = sequence & (ring.length - 1);
        ring[slot] = result;
        ringSequence[slot] = sequence;
        latestSequence = sequence;
        latest = result;
        decoded++;
        return result;
    }

    private void copyBase(Snapshot.Builder view, Snapshot base, int i) {
        if (destroyed[i]) {
            return;
        }
        int typeId = base.typeId(i);
        view.addUnchecked(base.id(i), typeId, base.data(), base.stateOffset(i), registry.schema(typeId).slotCount());
    }

    /** The sequence to acknowledge: the newest decoded, or -1 before the first. */
    public int ackSequence() {
        return latestSequence;
    }

    /** The newest decoded view, or null. */
    public Snapshot latest() {
        return latest;
    }

    public long staleDropped() {
        return staleDropped;
    }

    public long missingBaseline() {
        return missingBaseline;
    }

    public long decoded() {
        return decoded;
    }
}
