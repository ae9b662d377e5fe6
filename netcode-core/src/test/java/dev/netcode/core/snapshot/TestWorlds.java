package dev.netcode.core.snapshot;

import java.util.Random;

/** Schemas and random worlds shared by the snapshot tests. */
final class TestWorlds {
    static final EntitySchema CUBE = EntitySchema.builder("cube")
            .boundedFloat("x", -100, 100, 0.01)
            .boundedFloat("y", -100, 100, 0.01)
            .angle("yaw", 12)
            .intField("hp", 0, 100)
            .bool("alive")
            .build();
    static final EntitySchema ORB = EntitySchema.builder("orb")
            .quaternion("rot", 10)
            .unitVector("dir", 12)
            .custom("color", new FieldCodec<Integer>() {
                public int slotCount() {
                    return 1;
                }

                public int slotBits(int slot) {
                    return 24;
                }

                public void encode(Integer value, int[] slots, int offset) {
                    slots[offset] = value & 0xffffff;
                }

                public Integer decode(int[] slots, int offset) {
                    return slots[offset];
                }
            })
            .build();
    static final SchemaRegistry REGISTRY = SchemaRegistry.of(CUBE, ORB);

    static final EntitySchema.FloatField X = CUBE.field("x", EntitySchema.FloatField.class);
    static final EntitySchema.FloatField Y = CUBE.field("y", EntitySchema.FloatField.class);
    static final EntitySchema.AngleField YAW = CUBE.field("yaw", EntitySchema.AngleField.class);
    static final EntitySchema.IntField HP = CUBE.field("hp", EntitySchema.IntField.class);
    static final EntitySchema.BoolField ALIVE = CUBE.field("alive", EntitySchema.BoolField.class);
    static final EntitySchema.QuaternionField ROT = ORB.field("rot", EntitySchema.QuaternionField.class);

    private TestWorlds() {
    }

    /** A random state for {@code schema}: every slot uniformly within its width. */
    static int[] randomState(EntitySchema schema, Random random) {
        int[] state = schema.newState();
        for (int s = 0; s < state.length; s++) {
            state[s] = random.nextInt(1 << schema.slotBits(s));
        }
        return state;
    }

    /** Moves a state a little: a few slots change by small or occasionally large amounts. */
    static void perturb(EntitySchema schema, int[] state, Random random) {
        int changes = 1 + random.nextInt(3);
        for (int c = 0; c < changes; c++) {
            int s = random.nextInt(state.length);
            int max = (1 << schema.slotBits(s)) - 1;
            int delta = random.nextInt(10) == 0 ? random.nextInt(max + 1) - state[s] : random.nextInt(21) - 10;
            state[s] = Math.max(0, Math.min(max, state[s] + delta));
        }
    }
}
