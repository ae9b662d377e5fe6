package dev.netcode.core.snapshot;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Declares what is replicated for one entity type, without bit code for the common cases.
 *
 * <pre>{@code
 * EntitySchema cube = EntitySchema.builder("cube")
 *         .boundedFloat("x", -100, 100, 0.01)
 *         .boundedFloat("y", -100, 100, 0.01)
 *         .angle("yaw", 12)
 *         .quaternion("rot", 10)
 *         .intField("hp", 0, 200)
 *         .bool("grounded")
 *         .build();
 * EntitySchema.FloatField x = cube.field("x", EntitySchema.FloatField.class);
 * int[] state = cube.newState();
 * x.set(state, 12.5f);
 * }</pre>
 *
 * <p>An entity's state is an {@code int[]} of {@link #slotCount()} quantized values, each
 * {@link #slotBits(int)} wide. Keeping state as small integers is what makes delta compression cheap:
 * "changed" is an integer compare, and a change is a small integer difference. The field handles
 * ({@link FloatField}, {@link AngleField}, …) convert between game values and slots.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Server and client must build identical schemas in the same order in the same
 *       {@link SchemaRegistry}; the registry's fingerprint lets the two ends check that at connect.</li>
 *   <li>Choose bounds and resolutions from the game's rules: a value outside a bounded field's range
 *       is clamped, not rejected.</li>
 *   <li>Split a vector into one field per axis when axes change independently (a cube sliding along
 *       x): the encoder sends a "changed" bit per field, so unchanged axes cost one bit.</li>
 * </ul>
 */
public final class EntitySchema {
    private final String name;
    private final List<Field> fields;
    private final Map<String, Field> byName;
    private final int[] slotBits;

    private EntitySchema(String name, List<Field> fields) {
        this.name = name;
        this.fields = Collections.unmodifiableList(new ArrayList<>(fields));
        Map<String, Field> map = new LinkedHashMap<>();
        int slots = 0;
        for (Field f : fields) {
            map.put(f.name, f);
            slots += f.slotCount();
        }
        this.byName = Collections.unmodifiableMap(map);
        this.slotBits = new int[slots];
        for (Field f : fields) {
            for (int i = 0; i < f.slotCount(); i++) {
                slotBits[f.firstSlot + i] = f.slotBits(i);
            }
        }
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    public List<Field> fields() {
        return fields;
    }

    public int slotCount() {
        return slotBits.length;
    }

    public int slotBits(int slot) {
        return slotBits[slot];
    }

    /** Sum of all slot widths: the size of one entity's state sent in full. */
    public int fullStateBits() {
        int sum = 0;
        for (int b : slotBits) {
            sum += b;
        }
        return sum;
    }

    /** A zeroed state array for this type. */
    public int[] newState() {
        return new int[slotBits.length];
    }

    /** The handle for field {@code fieldName}, typed; throws when absent or of another kind. */
    public <F extends Field> F field(String fieldName, Class<F> kind) {
        Field f = byName.get(fieldName);
        if (f == null) {
            throw new IllegalArgumentException("schema " + name + " has no field " + fieldName);
        }
        return kind.cast(f);
    }

    @Override
    public String toString() {
        return "EntitySchema[" + name + ", " + fields.size() + " fields, " + slotCount() + " slots]";
    }

    /** Collects fields in declaration order; slot layout follows that order. */
    public static final class Builder {
        private final String name;
        private final List<Field> fields = new ArrayList<>();
        private int nextSlot;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        private Builder add(Field f) {
            for (Field existing : fields) {
                if (existing.name.equals(f.name)) {
                    throw new IllegalArgumentException("duplicate field " + f.name);
                }
            }
            fields.add(f);
            nextSlot += f.slotCount();
            return this;
        }

        /** A float in {@code [min, max]} at {@code resolution} (e.g. 0.01 = centimetres for metres). */
        public Builder boundedFloat(String fieldName, double min, double max, double resolution) {
            return add(new FloatField(fieldName, nextSlot, new BoundedFloat(min, max, resolution)));
        }

        /** An angle in radians around the full circle in {@code bits} bits. */
        public Builder angle(String fieldName, int bits) {
            return add(new AngleField(fieldName, nextSlot, new AngleQuantizer(bits)));
        }

        /** A rotation as a "smallest three" quaternion, {@code bitsPerComponent} bits per component. */
        public Builder quaternion(String fieldName, int bitsPerComponent) {
            return add(new QuaternionField(fieldName, nextSlot, new QuaternionQuantizer(bitsPerComponent)));
        }

        /** A direction as an octahedral unit vector, {@code bitsPerComponent} bits per coordinate. */
        public Builder unitVector(String fieldName, int bitsPerComponent) {
            return add(new UnitVectorField(fieldName, nextSlot, new UnitVectorQuantizer(bitsPerComponent)));
        }

        /** An integer in {@code [min, max]}. */
        public Builder intField(String fieldName, int min, int max) {
            return add(new IntField(fieldName, nextSlot, min, max));
        }

        public Builder bool(String fieldName) {
            return add(new BoolField(fieldName, nextSlot));
        }

        /** A field encoded by game code. */
        public <T> Builder custom(String fieldName, FieldCodec<T> codec) {
            return add(new CustomField<>(fieldName, nextSlot, codec));
        }

        public EntitySchema build() {
            if (fields.isEmpty()) {
                throw new IllegalStateException("schema " + name + " has no fields");
            }
            return new EntitySchema(name, fields);
        }
    }

    /** One declared field: a name and a run of slots in the state array. */
    public abstract static class Field {
        final String name;
        final int firstSlot;

        Field(String name, int firstSlot) {
            this.name = Objects.requireNonNull(name, "name");
            this.firstSlot = firstSlot;
        }

        public String name() {
            return name;
        }

        public int firstSlot() {
            return firstSlot;
        }

        public abstract int slotCount();

        public abstract int slotBits(int slot);

        /** A short description of the kind and parameters, part of the registry fingerprint. */
        abstract String describe();
    }

    /** A bounded, quantized float. */
    public static final class FloatField extends Field {
        private final BoundedFloat quantizer;

        FloatField(String name, int firstSlot, BoundedFloat quantizer) {
            super(name, firstSlot);
            this.quantizer = quantizer;
        }

        public void set(int[] state, float value) {
            state[firstSlot] = quantizer.quantize(value);
        }

        public float get(int[] state) {
            return quantizer.dequantize(state[firstSlot]);
        }

        public float get(int[] data, int stateOffset) {
            return quantizer.dequantize(data[stateOffset + firstSlot]);
        }

        public BoundedFloat quantizer() {
            return quantizer;
        }

        @Override
        public int slotCount() {
            return 1;
        }

        @Override
        public int slotBits(int slot) {
            return quantizer.bits();
        }

        @Override
        String describe() {
            return "float(" + quantizer.min() + "," + quantizer.max() + "," + quantizer.resolution() + ")";
        }
    }

    /** An angle in radians. */
    public static final class AngleField extends Field {
        private final AngleQuantizer quantizer;

        AngleField(String name, int firstSlot, AngleQuantizer quantizer) {
            super(name, firstSlot);
            this.quantizer = quantizer;
        }

        public void set(int[] state, double radians) {
            state[firstSlot] = quantizer.quantize(radians);
        }

        public float get(int[] state) {
            return quantizer.dequantize(state[firstSlot]);
        }

        public float get(int[] data, int stateOffset) {
            return quantizer.dequantize(data[stateOffset + firstSlot]);
        }

        @Override
        public int slotCount() {
            return 1;
        }

        @Override
        public int slotBits(int slot) {
            return quantizer.bits();
        }

        @Override
        String describe() {
            return "angle(" + quantizer.bits() + ")";
        }
    }

    /** A rotation quaternion, smallest-three encoded. */
    public static final class QuaternionField extends Field {
        private final QuaternionQuantizer quantizer;

        QuaternionField(String name, int firstSlot, QuaternionQuantizer quantizer) {
            super(name, firstSlot);
            this.quantizer = quantizer;
        }

        public void set(int[] state, double x, double y, double z, double w) {
            quantizer.quantize(x, y, z, w, state, firstSlot);
        }

        /** Writes (x, y, z, w) into {@code out[0..3]}. */
        public void get(int[] state, float[] out) {
            quantizer.dequantize(state, firstSlot, out, 0);
        }

        public void get(int[] data, int stateOffset, float[] out) {
            quantizer.dequantize(data, stateOffset + firstSlot, out, 0);
        }

        @Override
        public int slotCount() {
            return QuaternionQuantizer.SLOTS;
        }

        @Override
        public int slotBits(int slot) {
            return quantizer.slotBits(slot);
        }

        @Override
        String describe() {
            return "quat(" + quantizer.bitsPerComponent() + ")";
        }
    }

    /** A direction. */
    public static final class UnitVectorField extends Field {
        private final UnitVectorQuantizer quantizer;

        UnitVectorField(String name, int firstSlot, UnitVectorQuantizer quantizer) {
            super(name, firstSlot);
            this.quantizer = quantizer;
        }

        public void set(int[] state, double x, double y, double z) {
            quantizer.quantize(x, y, z, state, firstSlot);
        }

        /** Writes (x, y, z) into {@code out[0..2]}. */
        public void get(int[] state, float[] out) {
            quantizer.dequantize(state, firstSlot, out, 0);
        }

        public void get(int[] data, int stateOffset, float[] out) {
            quantizer.dequantize(data, stateOffset + firstSlot, out, 0);
        }

        @Override
        public int slotCount() {
            return UnitVectorQuantizer.SLOTS;
        }

        @Override
        public int slotBits(int slot) {
            return quantizer.bitsPerComponent();
        }

        @Override
        String describe() {
            return "unit(" + quantizer.bitsPerComponent() + ")";
        }
    }

    /** An integer in {@code [min, max]}, stored as {@code value - min}. */
    public static final class IntField extends Field {
        private final int min;
        private final int max;
        private final int bits;

        IntField(String name, int firstSlot, int min, int max) {
            super(name, firstSlot);
            if (min > max) {
                throw new IllegalArgumentException("min > max for " + name);
            }
            long range = (long) max - min;
            if (range >= (1L << 31) - 1) {
                throw new IllegalArgumentException("range of " + name + " needs more than 31 bits");
            }
            this.min = min;
            this.max = max;
            this.bits = Math.max(1, BitWriter.bitsFor(range));
        }

        /** Stores {@code value}; values outside {@code [min, max]} are clamped. */
        public void set(int[] state, int value) {
            int clamped = Math.max(min, Math.min(max, value));
            state[firstSlot] = (int) ((long) clamped - min);
        }

        public int get(int[] state) {
            return get(state, 0);
        }

        public int get(int[] data, int stateOffset) {
            // A hostile slot can hold up to 2^bits - 1, more than max - min: clamp on the way out too.
            long v = (long) min + data[stateOffset + firstSlot];
            return (int) Math.min(v, max);
        }

        @Override
        public int slotCount() {
            return 1;
        }

        @Override
        public int slotBits(int slot) {
            return bits;
        }

        @Override
        String describe() {
            return "int(" + min + "," + max + ")";
        }
    }

    /** A boolean. */
    public static final class BoolField extends Field {
        BoolField(String name, int firstSlot) {
            super(name, firstSlot);
        }

        public void set(int[] state, boolean value) {
            state[firstSlot] = value ? 1 : 0;
        }

        public boolean get(int[] state) {
            return state[firstSlot] != 0;
        }

        public boolean get(int[] data, int stateOffset) {
            return data[stateOffset + firstSlot] != 0;
        }

        @Override
        public int slotCount() {
            return 1;
        }

        @Override
        public int slotBits(int slot) {
            return 1;
        }

        @Override
        String describe() {
            return "bool";
        }
    }

    /** A field with a game-supplied {@link FieldCodec}. */
    public static final class CustomField<T> extends Field {
        private final FieldCodec<T> codec;

        CustomField(String name, int firstSlot, FieldCodec<T> codec) {
            super(name, firstSlot);
            this.codec = Objects.requireNonNull(codec, "codec");
            if (codec.slotCount() < 1) {
                throw new IllegalArgumentException("codec of " + name + " declares no slots");
            }
            for (int i = 0; i < codec.slotCount(); i++) {
                int b = codec.slotBits(i);
                if (b < 1 || b > 31) {
                    throw new IllegalArgumentException("slot " + i + " of " + name + " must be 1..31 bits: " + b);
                }
            }
        }

        public void set(int[] state, T value) {
            codec.encode(value, state, firstSlot);
        }

        public T get(int[] state) {
            return codec.decode(state, firstSlot);
        }

        @Override
        public int slotCount() {
            return codec.slotCount();
        }

        @Override
        public int slotBits(int slot) {
            return codec.slotBits(slot);
        }

        @Override
        String describe() {
            StringBuilder sb = new StringBuilder("custom(");
            for (int i = 0; i < codec.slotCount(); i++) {
                sb.append(i == 0 ? "" : ",").append(codec.slotBits(i));
            }
            return sb.append(')').toString();
        }
    }

    String describe() {
        StringBuilder sb = new StringBuilder(name).append('{');
        for (Field f : fields) {
            sb.append(f.name).append(':').append(f.describe()).append(';');
        }
        return sb.append('}').toString();
    }
}
