package dev.netcode.core.snapshot;

import dev.netcode.core.snapshot.internal.WireCodes;
import java.util.Arrays;
import java.util.Objects;

/**
 * The server side of snapshot replication for one client: encodes the world into one packet of at
 * most {@link SnapshotConfig#budgetBytes()} bytes, as a delta against the newest snapshot that client
 * has acknowledged.
 *
 * <pre>{@code
 * // once per client
 * SnapshotSender sender = new SnapshotSender(registry, SnapshotConfig.DEFAULT);
 * sender.relevancy((id, type, data, off) -> near(player, data, off));
 * // every send tick
 * int length = sender.write(world, packet, 0);   // send packet[0, length) unreliably
 * // whenever the client's ack arrives
 * sender.onAck(ackSequence);
 * }</pre>
 *
 * <h2>Wire format</h2>
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |        sequence (16)          |          tick (32) ...
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   ... tick                      |B| distance-1 (log2 ringSize, only if B = 1)
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | destroy count (varint) | destroyed ids (id gap codes, ascending)
 * | entity count (varint)  | per entity: id gap code, then
 * |                        |   full payload if the id is not in the baseline (after destroys),
 * |                        |   delta payload against its baseline state otherwise
 * +-+-+-+-...  (bit-packed, MSB first, padded with zero bits to a byte)
 * </pre>
 * B = 0 means "no baseline": the packet is relative to an empty world (a full state). Codes are
 * described in {@link WireCodes}; payloads in {@code EntityCodec}.
 *
 * <h2>What each packet carries</h2>
 * Each packet describes the client's world as "the acknowledged baseline, minus destroyed ids, plus
 * these entity states". The sender remembers that resulting view per sequence in a ring; the client's
 * ack of a sequence makes that view the next baseline. So:
 * <ul>
 *   <li>a destroy or a change is repeated in every packet until a packet carrying it is acked: it is
 *       never lost, however many packets or acks are;</li>
 *   <li>entities equal to the baseline cost nothing;</li>
 *   <li>changed entities compete for the byte budget by accumulated priority; one that does not fit
 *       keeps accumulating, so it goes out within a bounded number of packets
 *       (see {@link PriorityFunction});</li>
 *   <li>when the newest ack is {@link SnapshotConfig#ringSize()} or more packets old (or there is
 *       none) the packet is a full state: the client replaces its view with what the packet holds,
 *       and entities that did not fit arrive in the next packets.</li>
 * </ul>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Acks must name the newest snapshot the client <em>decoded</em>
 *       ({@link SnapshotReceiver#ackSequence()}), not merely received; a client that cannot decode
 *       must not ack.</li>
 *   <li>After a full-state fallback with more entities than fit in one packet, the client sees a
 *       partial world for a few packets (entities appear as they arrive). Keep acks flowing
 *       (piggy-back them on every input packet) so fallbacks stay rare.</li>
 *   <li>Not thread-safe: one sender per client, used from the server's send thread. The encoding
 *       scratch is per thread and shared by every sender that thread writes with.</li>
 *   <li>Memory: the sender keeps the views of the packets in flight and the acked baseline; older
 *       views go as soon as the baseline passes them, unless an entity's lost-send check still
 *       needs one (an entity that has not changed since then keeps its last send's view).</li>
 *   <li>The sender may keep the {@code world} snapshot it was given as a baseline (shared by every
 *       client whose packet carried all of it): never modify a snapshot's arrays after passing it.</li>
 * </ul>
 */
public final class SnapshotSender {
    private static final float MIN_WEIGHT = 0.001f;
    private static final float MAX_WEIGHT = 1000f;

    private final SchemaRegistry registry;
    private final SnapshotConfig config;
    private final Snapshot[] ring;
    private final int[] ringSequence;
    /** Per ring slot: the baseline sequence that packet was encoded against (-1: full state). */
    private final int[] ringBase;
    /**
     * Per ring slot: how many ids' {@link #sentSequence} name that slot's sequence. A view older than
     * the acked baseline is only read again by {@link #restoreIfLost} through such an id, so an
     * unpinned one is released at once: the ring then holds the baseline and the packets in flight
     * (a few, at the usual ack latency) instead of {@code ringSize} views per client.
     */
    private final int[] ringPins;
    // Per-id arrays, grown to the highest id seen (not 2^idBits up front: with the default id space
    // that was about 390 KiB per client, which dominated a host's heap per connection).
    private float[] priority;
    /** Per id: the packet that last carried it while it was in flight (-1: none), and its priority then. */
    private int[] sentSequence;
    private float[] sentPriority;
    private final BitWriter writer = new BitWriter();
    private RelevancyFilter relevancy = RelevancyFilter.ALL;
    private PriorityFunction priorityFunction = PriorityFunction.UNIFORM;
    private int nextSequence;
    private int ackedSequence = -1;

    // Scratch of one write(), borrowed from the thread's WriteScratch (null outside write): a
    // server's senders write one after the other on its send thread, so one set per thread does
    // instead of one per client (about 2 KiB each).
    private int[] candidateWorld;
    private int[] candidateBase;
    private int[] candidateCost;
    private long[] candidateKeys;
    private boolean[] selected;
    private int[] destroyBase;
    private boolean[] baseDestroyed;

    /** Per-thread scratch arrays, grown on demand and reused between packets and senders. */
    private static final class WriteScratch {
        private static final ThreadLocal<WriteScratch> PER_THREAD = ThreadLocal.withInitial(WriteScratch::new);
        int[] candidateWorld = new int[64];
        int[] candidateBase = new int[64];
        int[] candidateCost = new int[64];
        long[] candidateKeys = new long[64];
        boolean[] selected = new boolean[64];
        int[] destroyBase = new int[64];
        boolean[] baseDestroyed = new boolean[64];
        boolean lent;

        /** This thread's scratch, or a private one if a write is already under way on this thread. */
        static WriteScratch acquire() {
            WriteScratch s = PER_THREAD.get();
            if (s.lent) {
                s = new WriteScratch();
            }
            s.lent = true;
            return s;
        }
    }

    private int lastEntitiesSent;
    private int lastDestroysSent;
    private int lastPending;
    private int lastBaselineSequence = -1;
    private int lastBytes;

    /** False only in tests: keep every view until its slot is reused (the behaviour before views were released). */
    private final boolean releaseOldViews;

    public SnapshotSender(SchemaRegistry registry, SnapshotConfig config) {
        this(registry, config, true);
    }

    SnapshotSender(SchemaRegistry registry, SnapshotConfig config, boolean releaseOldViews) {
        this.releaseOldViews = releaseOldViews;
        this.registry = Objects.requireNonNull(registry, "registry");
        this.config = Objects.requireNonNull(config, "config");
        this.ring = new Snapshot[config.ringSize()];
        this.ringSequence = new int[config.ringSize()];
        Arrays.fill(ringSequence, -1);
        this.ringBase = new int[config.ringSize()];
        this.ringPins = new int[config.ringSize()];
        int initialIds = Math.min(INITIAL_ID_CAPACITY, 1 << config.idBits());
        this.priority = new float[initialIds];
        this.sentSequence = new int[initialIds];
        Arrays.fill(sentSequence, -1);
        this.sentPriority = new float[initialIds];
    }

    private static final int INITIAL_ID_CAPACITY = 64;

    /** Grows the per-id arrays to hold {@code maxId} (a power of two, at most 2^idBits). */
    private void ensureIdCapacity(int maxId) {
        if (maxId < priority.length) {
            return;
        }
        int size = Math.min(Integer.highestOneBit(maxId) << 1, 1 << config.idBits());
        int old = priority.length;
        priority = Arrays.copyOf(priority, size);
        sentPriority = Arrays.copyOf(sentPriority, size);
        sentSequence = Arrays.copyOf(sentSequence, size);
        Arrays.fill(sentSequence, old, size, -1);
    }

    public SnapshotSender relevancy(RelevancyFilter filter) {
        this.relevancy = Objects.requireNonNull(filter, "filter");
        return this;
    }

    public SnapshotSender priority(PriorityFunction function) {
        this.priorityFunction = Objects.requireNonNull(function, "function");
        return this;
    }

    public SnapshotConfig config() {
        return config;
    }

    /** The client acknowledged (decoded) snapshot {@code sequence}; newer acks move the baseline. */
    public void onAck(int sequence) {
        int seq = sequence & WireCodes.SEQUENCE_MASK;
        int slot = seq & (ring.length - 1);
        if (ringSequence[slot] != seq) {
            return; // unknown or already overwritten
        }
        int age = WireCodes.sequenceDelta(nextSequence, seq);
        if (age <= 0 || age > ring.length) {
            return; // from the future, or a stale ack whose slot was reused
        }
        if (ackedSequence >= 0 && WireCodes.sequenceDelta(seq, ackedSequence) <= 0) {
            return; // not newer than the baseline we have
        }
        // Only a descendant of the current baseline (a packet encoded against it) may replace it, so
        // baselines form one lineage and a state that reached a baseline is never lost again. A
        // packet built on an older baseline lacks what the current one added. Full states are
        // only sent when there is no usable baseline, so they are always accepted.
        int base = ringBase[slot];
        if (ackedSequence < 0 || base < 0 || base == ackedSequence) {
            ackedSequence = seq;
            for (int i = 0; i < ring.length; i++) {
                releaseIfUnneeded(i);
            }
        }
    }

    /** Drops the view in {@code slot} when it is older than the baseline and no id's lost-send check needs it. */
    private void releaseIfUnneeded(int slot) {
        if (releaseOldViews && ring[slot] != null && ringPins[slot] == 0 && ackedSequence >= 0
                && WireCodes.sequenceDelta(ackedSequence, ringSequence[slot]) > 0) {
            ring[slot] = null;
        }
    }

    /** Records that {@code id} was last sent in {@code sequence} (-1: nothing in flight), keeping pins exact. */
    private void setSentSequence(int id, int sequence) {
        int old = sentSequence[id];
        sentSequence[id] = sequence;
        if (old >= 0) {
            int slot = old & (ring.length - 1);
            if (ringSequence[slot] == old) {
                ringPins[slot]--;
                releaseIfUnneeded(slot);
            }
        }
        if (sequence >= 0) {
            int slot = sequence & (ring.length - 1);
            if (ringSequence[slot] == sequence) {
                ringPins[slot]++;
            }
        }
    }

    /**
     * Encodes {@code world} for this client into {@code out} from {@code offset}.
     *
     * @return bytes written, at most the budget (and at most {@code out.length - offset})
     */
    public int write(Snapshot world, byte[] out, int offset) {
        WriteScratch scratch = WriteScratch.acquire();
        candidateWorld = scratch.candidateWorld;
        candidateBase = scratch.candidateBase;
        candidateCost = scratch.candidateCost;
        candidateKeys = scratch.candidateKeys;
        selected = scratch.selected;
        destroyBase = scratch.destroyBase;
        baseDestroyed = scratch.baseDestroyed;
        try {
            return writeWithScratch(world, out, offset);
        } finally {
            // Hand back what may have grown, and keep no reference to it.
            scratch.candidateWorld = candidateWorld;
            scratch.candidateBase = candidateBase;
            scratch.candidateCost = candidateCost;
            scratch.candidateKeys = candidateKeys;
            scratch.selected = selected;
            scratch.destroyBase = destroyBase;
            scratch.baseDestroyed = baseDestroyed;
            candidateWorld = candidateBase = candidateCost = destroyBase = null;
            candidateKeys = null;
            selected = baseDestroyed = null;
            scratch.lent = false;
        }
    }

    private int writeWithScratch(Snapshot world, byte[] out, int offset) {
        if (world.registry() != registry) {
            throw new IllegalArgumentException("snapshot built with another registry");
        }
        int budget = Math.min(config.budgetBytes(), out.length - offset);
        writer.wrap(out, offset, budget);
        int sequence = nextSequence;
        Snapshot base = baseline(sequence);
        boolean delta = base != null;
        int idBits = config.idBits();
        int maxId = 0;
        for (int i = 0; i < world.size(); i++) {
            if (world.id(i) >= (1 << idBits)) {
                throw new IllegalArgumentException("entity id " + world.id(i) + " needs more than " + idBits + " bits");
            }
            maxId = Math.max(maxId, world.id(i));
        }
        ensureIdCapacity(maxId);

        writer.writeBits(sequence, WireCodes.SEQUENCE_BITS);
        writer.writeBits(world.tick(), 32);
        writer.writeBool(base != null);
        if (base != null) {
            writer.writeBits(WireCodes.sequenceDelta(sequence, ackedSequence) - 1, config.distanceBits());
        } else {
            base = Snapshot.empty(registry, 0);
        }

        int[] worldData = world.data();
        int[] baseData = base.data();
        ensureBaseCapacity(base.size());
        ensureCandidateCapacity(world.size());
        int entityCountReserve = BitWriter.varUIntBits(config.maxEntitiesPerPacket());

        // Pass 1: merge baseline and world by id. Baseline-only or irrelevant or retyped ids are
        // destroys; world ids that differ from the baseline (or are new) are candidates.
        int destroys = 0;
        int candidates = 0;
        int bi = 0;
        int wi = 0;
        while (bi < base.size() || wi < world.size()) {
            int bid = bi < base.size() ? base.id(bi) : Integer.MAX_VALUE;
            int wid = wi < world.size() ? world.id(wi) : Integer.MAX_VALUE;
            if (bid < wid) {
                destroyBase[destroys++] = bi++;
                continue;
            }
            int wType = world.typeId(wi);
            int wOff = world.stateOffset(wi);
            boolean relevant = relevancy.isRelevant(wid, wType, worldData, wOff);
            if (bid == wid) {
                boolean retyped = base.typeId(bi) != wType;
                if (!relevant || retyped) {
                    destroyBase[destroys++] = bi;
                }
                if (relevant && (retyped || !EntityCodec.sameState(baseData, base.stateOffset(bi), worldData, wOff,
                        registry.schema(wType).slotCount()))) {
                    candidateWorld[candidates] = wi;
                    candidateBase[candidates++] = retyped ? -2 - bi : bi;
                } else {
                    priority[wid] = 0f;
                }
                bi++;
            } else {
                if (relevant) {
                    candidateWorld[candidates] = wi;
                    candidateBase[candidates++] = -1;
                } else {
                    priority[wid] = 0f;
                }
            }
            wi++;
        }

        // Pass 2: destroys first, as many as fit (the rest go next packet; nothing is lost).
        int destroyCountBits = BitWriter.varUIntBits(Math.min(destroys, config.maxEntitiesPerPacket()));
        int available = writer.bitsRemaining() - destroyCountBits - entityCountReserve;
        int destroysSent = 0;
        int previous = -1;
        for (int d = 0; d < destroys && destroysSent < config.maxEntitiesPerPacket(); d++) {
            int id = base.id(destroyBase[d]);
            int cost = WireCodes.idGapBits(previous, id);
            if (cost < 0) {
                cost = WireCodes.maxIdBits(idBits);
            }
            if (cost > available) {
                break;
            }
            available -= cost;
            previous = id;
            destroysSent++;
        }
        Arrays.fill(baseDestroyed, 0, base.size(), false);
        writer.writeVarUInt(destroysSent);
        previous = -1;
        for (int d = 0; d < destroysSent; d++) {
            int b = destroyBase[d];
            int id = base.id(b);
            WireCodes.writeIdGap(writer, previous, id, idBits);
            baseDestroyed[b] = true;
            previous = id;
        }

        // Pass 3: pick candidates by accumulated priority within the remaining budget.
        int usable = 0;
        for (int c = 0; c < candidates; c++) {
            int wIdx = candidateWorld[c];
            int id = world.id(wIdx);
            int typeId = world.typeId(wIdx);
            int wOff = world.stateOffset(wIdx);
            float weight = priorityFunction.weight(id, typeId, worldData, wOff);
            if (!(weight >= MIN_WEIGHT)) {
                weight = MIN_WEIGHT;
            } else if (weight > MAX_WEIGHT) {
                weight = MAX_WEIGHT;
            }
            if (delta) {
                restoreIfLost(id, base, sequence);
            }
            priority[id] += weight;
            int b = candidateBase[c];
            if (b <= -2) {
                if (!baseDestroyed[-2 - b]) {
                    selected[c] = false;
                    candidateCost[c] = Integer.MAX_VALUE; // retyped but its destroy did not fit: wait
                    continue;
                }
                candidateBase[c] = -1;
                b = -1;
            }
            EntitySchema schema = registry.schema(typeId);
            int payload = b < 0
                    ? EntityCodec.fullBits(schema, registry.typeBits())
                    : EntityCodec.deltaBits(schema, baseData, base.stateOffset(b), worldData, wOff);
            candidateCost[c] = WireCodes.maxIdBits(idBits) + payload;
            candidateKeys[usable++] = ((long) Float.floatToIntBits(priority[id]) << 32) | c;
            selected[c] = false;
        }
        Arrays.sort(candidateKeys, 0, usable);
        // Costs assume the worst id code; real gaps are mostly 1 to 5 bits. So after each greedy
        // round, measure what the chosen set really costs and offer the slack to the next
        // candidates. Inserting an id between two chosen ones never grows the following gap's code,
        // so the worst-case estimate stays an upper bound and the packet cannot overflow.
        int entityBits = available;
        int chosen = 0;
        int maxIdCost = WireCodes.maxIdBits(idBits);
        for (int round = 0; round < 4; round++) {
            int added = 0;
            for (int k = usable - 1; k >= 0 && chosen < config.maxEntitiesPerPacket(); k--) {
                int c = (int) candidateKeys[k];
                if (!selected[c] && candidateCost[c] <= available) {
                    available -= candidateCost[c];
                    selected[c] = true;
                    chosen++;
                    added++;
                }
            }
            if (added == 0) {
                break;
            }
            int actual = 0;
            int prev = -1;
            for (int c = 0; c < candidates; c++) {
                if (selected[c]) {
                    int id = world.id(candidateWorld[c]);
                    int gap = WireCodes.idGapBits(prev, id);
                    actual += (gap < 0 ? maxIdCost : gap) + candidateCost[c] - maxIdCost;
                    prev = id;
                }
            }
            available = entityBits - actual;
        }

        // Pass 4: write the chosen entities in id order and build the view this packet leads to.
        // This packet's slot is claimed first so that ids sent in it pin it; the previous occupant
        // (ringSize packets old) was last read in pass 3.
        int slot = sequence & (ring.length - 1);
        ring[slot] = null;
        ringSequence[slot] = sequence;
        ringPins[slot] = 0;
        writer.writeVarUInt(chosen);
        previous = -1;
        Snapshot.Builder view = new Snapshot.Builder(registry, world.tick());
        bi = 0;
        for (int c = 0; c < candidates; c++) {
            if (!selected[c]) {
                continue;
            }
            int wIdx = candidateWorld[c];
            int id = world.id(wIdx);
            int typeId = world.typeId(wIdx);
            int wOff = world.stateOffset(wIdx);
            EntitySchema schema = registry.schema(typeId);
            WireCodes.writeIdGap(writer, previous, id, idBits);
            previous = id;
            int b = candidateBase[c];
            if (b < 0) {
                EntityCodec.writeFull(writer, typeId, registry.typeBits(), schema, worldData, wOff);
            } else {
                EntityCodec.writeDelta(writer, schema, baseData, base.stateOffset(b), worldData, wOff);
            }
            // Track the oldest send still in flight: if the baseline passes it without its state,
            // the priority comes back (restoreIfLost). Overwriting it with every send would let an
            // entity whose send period matches the baseline's lag miss the lineage forever.
            if (sentSequence[id] < 0 || !delta || WireCodes.sequenceDelta(ackedSequence, sentSequence[id]) >= 0) {
                sentPriority[id] = priority[id];
                setSentSequence(id, sequence);
            }
            priority[id] = 0f;
            // Copy baseline entries below this id, then this entity's new state.
            while (bi < base.size() && base.id(bi) < id) {
                copyBase(view, base, bi++);
            }
            if (bi < base.size() && base.id(bi) == id) {
                bi++;
            }
            view.addUnchecked(id, typeId, worldData, wOff, schema.slotCount());
        }
        while (bi < base.size()) {
            copyBase(view, base, bi++);
        }
        for (int d = 0; d < destroys; d++) {
            priority[base.id(destroyBase[d])] = 0f;
        }

        Snapshot built = view.build();
        // Usually every entity went out and the view equals the world: keep the world snapshot, which
        // all clients' senders share, instead of a private copy (most of a connection's heap otherwise).
        ring[slot] = sameContent(built, world) ? world : built;
        ringBase[slot] = delta ? ackedSequence : -1;
        nextSequence = (sequence + 1) & WireCodes.SEQUENCE_MASK;
        lastEntitiesSent = chosen;
        lastDestroysSent = destroysSent;
        lastPending = candidates - chosen + destroys - destroysSent;
        lastBaselineSequence = delta ? ackedSequence : -1;
        lastBytes = writer.bytesUsed();
        return lastBytes;
    }

    private boolean sameContent(Snapshot view, Snapshot world) {
        if (view.size() != world.size() || view.tick() != world.tick()) {
            return false;
        }
        int[] vd = view.data();
        int[] wd = world.data();
        for (int i = 0; i < view.size(); i++) {
            if (view.id(i) != world.id(i) || view.typeId(i) != world.typeId(i) || !EntityCodec.sameState(vd,
                    view.stateOffset(i), wd, world.stateOffset(i), registry.schema(view.typeId(i)).slotCount())) {
                return false;
            }
        }
        return true;
    }

    /**
     * An entity's priority is reset when a packet carries it, but its new state only sticks if that
     * packet becomes a baseline. When the baseline moved past that packet without the state (packet
     * lost, or a newer one acked first), hand the priority back, so a lost update is resent soon
     * instead of waiting a whole priority round again.
     */
    private void restoreIfLost(int id, Snapshot base, int sequence) {
        int sent = sentSequence[id];
        if (sent < 0 || WireCodes.sequenceDelta(ackedSequence, sent) < 0) {
            return; // nothing in flight, or still in flight (newer than the baseline)
        }
        if (sent == ackedSequence) {
            setSentSequence(id, -1);
            return;
        }
        int slot = sent & (ring.length - 1);
        Snapshot sentView = ringSequence[slot] == sent ? ring[slot] : null;
        int si = sentView == null ? -1 : sentView.indexOf(id);
        int bi = base.indexOf(id);
        boolean held = si >= 0 && bi >= 0 && sentView.typeId(si) == base.typeId(bi) && EntityCodec.sameState(
                sentView.data(), sentView.stateOffset(si), base.data(), base.stateOffset(bi),
                registry.schema(base.typeId(bi)).slotCount());
        setSentSequence(id, -1); // after the view was read: this may release it
        if (!held) {
            priority[id] += sentPriority[id];
        }
    }

    private void copyBase(Snapshot.Builder view, Snapshot base, int i) {
        if (baseDestroyed[i]) {
            return;
        }
        int typeId = base.typeId(i);
        view.addUnchecked(base.id(i), typeId, base.data(), base.stateOffset(i), registry.schema(typeId).slotCount());
    }

    private Snapshot baseline(int sequence) {
        if (ackedSequence < 0) {
            return null;
        }
        int distance = WireCodes.sequenceDelta(sequence, ackedSequence);
        if (distance < 1 || distance >= ring.length) {
            return null; // too old: the client may have dropped it too; send a full state
        }
        int slot = ackedSequence & (ring.length - 1);
        return ringSequence[slot] == ackedSequence ? ring[slot] : null;
    }

    private void ensureCandidateCapacity(int n) {
        if (candidateWorld.length < n) {
            int size = Math.max(n, candidateWorld.length * 2);
            candidateWorld = new int[size];
            candidateBase = new int[size];
            candidateCost = new int[size];
            candidateKeys = new long[size];
            selected = new boolean[size];
        }
    }

    private void ensureBaseCapacity(int n) {
        if (destroyBase.length < n) {
            int size = Math.max(n, destroyBase.length * 2);
            destroyBase = new int[size];
            baseDestroyed = new boolean[size];
        }
    }

    /** Sequence the next {@link #write} will use. */
    public int nextSequence() {
        return nextSequence;
    }

    /** Newest acknowledged sequence, or -1. */
    public int ackedSequence() {
        return ackedSequence;
    }

    /** The view the client will hold after decoding packet {@code sequence}, if still remembered. */
    public Snapshot sentView(int sequence) {
        int seq = sequence & WireCodes.SEQUENCE_MASK;
        int slot = seq & (ring.length - 1);
        return ringSequence[slot] == seq ? ring[slot] : null;
    }

    public int lastEntitiesSent() {
        return lastEntitiesSent;
    }

    public int lastDestroysSent() {
        return lastDestroysSent;
    }

    /** Changes and destroys that did not fit into the last packet. */
    public int lastPending() {
        return lastPending;
    }

    /** Baseline sequence of the last packet, or -1 when it was a full state. */
    public int lastBaselineSequence() {
        return lastBaselineSequence;
    }

    public int lastBytes() {
        return lastBytes;
    }

    /** Views the ring holds (for tests of its memory use). */
    int retainedViews() {
        int n = 0;
        for (Snapshot view : ring) {
            if (view != null) {
                n++;
            }
        }
        return n;
    }
}
