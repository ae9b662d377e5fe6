package dev.netcode.core.interpolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.netcode.core.snapshot.EntitySchema;
import dev.netcode.core.snapshot.SchemaRegistry;
import dev.netcode.core.snapshot.Snapshot;
import org.junit.jupiter.api.Test;

class EntityInterpolatorTest {
    private static final EntitySchema SHIP = EntitySchema.builder("ship")
            .boundedFloat("x", -100, 100, 0.01)
            .angle("yaw", 14)
            .quaternion("rot", 12)
            .intField("hp", 0, 100)
            .bool("boost")
            .build();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.of(SHIP);

    private static Snapshot snapshot(int tick, float x, double yaw, double turn, int hp, boolean boost) {
        int[] s = SHIP.newState();
        SHIP.field("x", EntitySchema.FloatField.class).set(s, x);
        SHIP.field("yaw", EntitySchema.AngleField.class).set(s, yaw);
        SHIP.field("rot", EntitySchema.QuaternionField.class).set(s, 0, Math.sin(turn / 2), 0, Math.cos(turn / 2));
        SHIP.field("hp", EntitySchema.IntField.class).set(s, hp);
        SHIP.field("boost", EntitySchema.BoolField.class).set(s, boost);
        return Snapshot.builder(REGISTRY, tick).add(5, SHIP, s).build();
    }

    @Test
    void blendsEachFieldByItsKind() {
        Snapshot a = snapshot(0, 10f, Math.toRadians(170), 0, 80, false);
        Snapshot b = snapshot(1, 20f, Math.toRadians(-170), Math.PI / 2, 60, true);
        EntityInterpolator interp = new EntityInterpolator(SHIP);
        assertThat(interp.outputSize()).isEqualTo(1 + 1 + 4 + 1 + 1);
        float[] out = new float[interp.outputSize()];
        assertThat(interp.interpolate(a, b, 5, 0.25, out)).isTrue();
        assertThat(out[interp.outputOffset("x")]).isCloseTo(12.5f, offset(0.01f));
        // 170° → -170° the short way: a quarter of 20° past 170°
        assertThat(Math.toDegrees(out[interp.outputOffset("yaw")])).isCloseTo(175, offset(0.1));
        int r = interp.outputOffset("rot");
        double angle = 2 * Math.atan2(out[r + 1], out[r + 3]);
        assertThat(Math.toDegrees(angle)).isCloseTo(22.5, offset(1.5)); // nlerp, not exactly uniform
        assertThat(out[interp.outputOffset("hp")]).isEqualTo(80f);
        assertThat(out[interp.outputOffset("boost")]).isZero();
        interp.interpolate(a, b, 5, 0.75, out);
        assertThat(out[interp.outputOffset("hp")]).isEqualTo(60f);
        assertThat(out[interp.outputOffset("boost")]).isEqualTo(1f);
        assertThat(interp.interpolate(a, b, 6, 0.5, out)).isFalse();
        // present in one snapshot only: shown as is
        Snapshot empty = Snapshot.empty(REGISTRY, 2);
        interp.interpolate(b, empty, 5, 0.9, out);
        assertThat(out[interp.outputOffset("x")]).isCloseTo(20f, offset(0.01f));
    }
}
