package dev.netcode.core.snapshot;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable set of entities at one server tick: ids (ascending), type ids, and each entity's
 * quantized state, stored flat in one {@code int[]}.
 *
 * <p>The server builds one per tick from its simulation with a {@link Builder} and hands it to each
 * client's {@link SnapshotSender}; a {@link SnapshotReceiver} produces one per accepted packet, the
 * client's view of the world. Read a field with the schema's handles:
 *
 * <pre>{@code
 * for (int i = 0; i < snap.size(); i++) {
 *     float x = xField.get(snap.data(), snap.stateOffset(i));
 * }
 * }</pre>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Do not modify the array returned by {@link #data()}: it is shared, not copied, to keep the
 *       per-tick cost at one allocation; senders keep snapshots as delta baselines.</li>
 *   <li>Entity ids must be below {@code 2^idBits} of the {@link SnapshotConfig} in use.</li>
 * </ul>
 */
public final class Snapshot {
    private final SchemaRegistry registry;
    private final int tick;
    private final int size;
    private final int[] ids;
    private final int[] types;
    private final int[] offsets;
    private final int[] data;

    Snapshot(SchemaRegistry registry, int tick, int size, int[] ids, int[] types, int[] offsets, int[] data) {
        this.registry = registry;
        this.tick = tick;
        this.size = size;
        this.ids = ids;
        this.types = types;
        this.offsets = offsets;
        this.data = data;
    }

    /** A snapshot with no entities. */
    public static Snapshot empty(SchemaRegistry registry, int tick) {
        return new Snapshot(registry, tick, 0, new int[0], new int[0], new int[1], new int[0]);
    }

    public static Builder builder(SchemaRegistry registry, int tick) {
        return new Builder(registry, tick);
    }

    public SchemaRegistry registry() {
        return registry;
    }

    public int tick() {
        return tick;
    }

    /** Number of entities. */
    public int size() {
        return size;
    }

    /** Entity id at index {@code i} (ascending in {@code i}). */
    public int id(int i) {
        Objects.checkIndex(i, size);
        return ids[i];
    }

    public int typeId(int i) {
        Objects.checkIndex(i, size);
        return types[i];
    }

    public EntitySchema schema(int i) {
        return registry.schema(typeId(i));
    }

    /** Where entity {@code i}'s slots start in {@link #data()}. */
    public int stateOffset(int i) {
        Objects.checkIndex(i, size);
        return offsets[i];
    }

    /** All states, flat; read-only by contract. */
    public int[] data() {
        return data;
    }

    /** Slot {@code slot} of entity {@code i}. */
    public int slot(int i, int slot) {
        Objects.checkIndex(slot, offsets[i + 1] - offsets[i]);
        return data[offsets[i] + slot];
    }

    /** A copy of entity {@code i}'s state. */
    public int[] copyState(int i) {
        Objects.checkIndex(i, size);
        return Arrays.copyOfRange(data, offsets[i], offsets[i + 1]);
    }

    /** Index of entity {@code id}, or a negative number when absent. */
    public int indexOf(int id) {
        return Arrays.binarySearch(ids, 0, size, id);
    }

    /** True when both hold the same ids, types and states (ticks may differ). */
    public boolean sameEntities(Snapshot other) {
        if (size != other.size) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (ids[i] != other.ids[i] || types[i] != other.types[i]) {
                return false;
            }
        }
        return Arrays.equals(data, 0, offsets[size], other.data, 0, other.offsets[other.size]);
    }

    // package-private fast access for the codec
    int[] idsArray() {
        return ids;
    }

    int[] typesArray() {
        return types;
    }

    int[] offsetsArray() {
        return offsets;
    }

    @Override
    public String toString() {
        return "Snapshot[tick=" + tick + ", entities=" + size + "]";
    }

    /**
     * Collects entities in any order; {@link #build()} sorts them by id. Validates every slot against
     * its declared width, so a snapshot always encodes losslessly.
     */
    public static final class Builder {
        private final SchemaRegistry registry;
        private final int tick;
        private int size;
        private int[] ids = new int[16];
        private int[] types = new int[16];
        private int[] offsets = new int[17];
        private int[] data = new int[64];
        private boolean sorted = true;

        Builder(SchemaRegistry registry, int tick) {
            this.registry = Objects.requireNonNull(registry, "registry");
            this.tick = tick;
        }

        public Builder add(int id, EntitySchema schema, int[] state) {
            int typeId = registry.typeId(schema);
            if (typeId < 0) {
                throw new IllegalArgumentException(schema + " is not in the registry");
            }
            return add(id, typeId, state);
        }

        public Builder add(int id, int typeId, int[] state) {
            if (id < 0) {
                throw new IllegalArgumentException("negative entity id " + id);
            }
            EntitySchema schema = registry.schema(typeId);
            if (state.length != schema.slotCount()) {
                throw new IllegalArgumentException("state of " + schema.name() + " has " + state.length
                        + " slots, expected " + schema.slotCount());
            }
            for (int s = 0; s < state.length; s++) {
                int bits = schema.slotBits(s);
                if (state[s] < 0 || (bits < 31 && state[s] >= (1 << bits))) {
                    throw new IllegalArgumentException("slot " + s + " of " + schema.name() + " = " + state[s]
                            + " does not fit " + bits + " bits");
                }
            }
            addUnchecked(id, typeId, state, 0, state.length);
            return this;
        }

        void addUnchecked(int id, int typeId, int[] source, int offset, int length) {
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size * 2);
                types = Arrays.copyOf(types, size * 2);
                offsets = Arrays.copyOf(offsets, size * 2 + 1);
            }
            int start = offsets[size];
            if (start + length > data.length) {
                data = Arrays.copyOf(data, Math.max(data.length * 2, start + length));
            }
            System.arraycopy(source, offset, data, start, length);
            if (size > 0 && ids[size - 1] >= id) {
                sorted = false;
            }
            ids[size] = id;
            types[size] = typeId;
            offsets[size + 1] = start + length;
            size++;
        }

        public int size() {
            return size;
        }

        public Snapshot build() {
            if (!sorted) {
                sortById();
            }
            for (int i = 1; i < size; i++) {
                if (ids[i] == ids[i - 1]) {
                    throw new IllegalArgumentException("duplicate entity id " + ids[i]);
                }
            }
            // The snapshot gets exact-size copies and the builder keeps its grown arrays: snapshots
            // are retained (a host keeps a ring of per-client views), and doubling left up to half
            // of every retained array empty. Same number of allocations as handing the arrays over
            // and starting the builder afresh.
            int dataLength = offsets[size];
            Snapshot s = new Snapshot(registry, tick, size, Arrays.copyOf(ids, size), Arrays.copyOf(types, size),
                    Arrays.copyOf(offsets, size + 1), Arrays.copyOf(data, dataLength));
            size = 0;
            sorted = true;
            return s;
        }

        private void sortById() {
            long[] keys = new long[size];
            for (int i = 0; i < size; i++) {
                keys[i] = ((long) ids[i] << 32) | i;
            }
            Arrays.sort(keys);
            int[] newIds = new int[ids.length];
            int[] newTypes = new int[types.length];
            int[] newOffsets = new int[offsets.length];
            int[] newData = new int[data.length];
            int pos = 0;
            for (int k = 0; k < size; k++) {
                int i = (int) keys[k];
                newIds[k] = ids[i];
                newTypes[k] = types[i];
                int len = offsets[i + 1] - offsets[i];
                System.arraycopy(data, offsets[i], newData, pos, len);
                newOffsets[k] = pos;
                pos += len;
                newOffsets[k + 1] = pos;
            }
            ids = newIds;
            types = newTypes;
            offsets = newOffsets;
            data = newData;
            sorted = true;
        }
    }
}
