package dev.netcode.core.interpolation;

import dev.netcode.core.snapshot.EntitySchema;
import dev.netcode.core.snapshot.Snapshot;
import java.util.List;

/**
 * Blends one entity between two decoded {@link Snapshot}s field by field, following its
 * {@link EntitySchema}: bounded floats linearly, angles along the shortest arc, quaternions by
 * nlerp, unit vectors by normalized lerp; integers, booleans and custom fields step (the value of
 * the nearer snapshot), since blending them is rarely meaningful.
 *
 * <p>Output is a flat {@code float[]}: each field at {@link #outputOffset(String)}, taking 1 float
 * (float, angle, int, bool: 0 or 1), 3 (unit vector), 4 (quaternion x, y, z, w) or one per slot
 * (custom: raw slot values).
 *
 * <pre>{@code
 * EntityInterpolator cubes = new EntityInterpolator(cubeSchema);
 * float[] out = new float[cubes.outputSize()];
 * if (cubes.interpolate(sample.from, sample.to, entityId, sample.alpha, out)) {
 *     draw(out[cubes.outputOffset("x")], out[cubes.outputOffset("y")]);
 * }
 * }</pre>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>An entity present in only one of the two snapshots (just created, just destroyed) is shown
 *       as it is in that snapshot, without blending.</li>
 *   <li>With {@code alpha > 1} (extrapolation) floats and angles extrapolate linearly; quaternions
 *       are clamped to the newer rotation.</li>
 * </ul>
 */
public final class EntityInterpolator {
    private final EntitySchema schema;
    private final int[] offsets;
    private final int outputSize;
    private final float[] q0 = new float[4];
    private final float[] q1 = new float[4];

    public EntityInterpolator(EntitySchema schema) {
        this.schema = schema;
        List<EntitySchema.Field> fields = schema.fields();
        this.offsets = new int[fields.size()];
        int size = 0;
        for (int i = 0; i < fields.size(); i++) {
            offsets[i] = size;
            size += width(fields.get(i));
        }
        this.outputSize = size;
    }

    private static int width(EntitySchema.Field f) {
        if (f instanceof EntitySchema.QuaternionField) {
            return 4;
        }
        if (f instanceof EntitySchema.UnitVectorField) {
            return 3;
        }
        if (f instanceof EntitySchema.CustomField<?>) {
            return f.slotCount();
        }
        return 1;
    }

    public int outputSize() {
        return outputSize;
    }

    public int outputOffset(String fieldName) {
        List<EntitySchema.Field> fields = schema.fields();
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(fieldName)) {
                return offsets[i];
            }
        }
        throw new IllegalArgumentException("no field " + fieldName + " in " + schema.name());
    }

    /**
     * Writes entity {@code entityId} blended between {@code from} and {@code to} into {@code out}.
     *
     * @return false when neither snapshot holds the entity with this schema
     */
    public boolean interpolate(Snapshot from, Snapshot to, int entityId, double alpha, float[] out) {
        int a = indexOf(from, entityId);
        int b = indexOf(to, entityId);
        if (a < 0 && b < 0) {
            return false;
        }
        Snapshot sa = a >= 0 ? from : to;
        int ia = a >= 0 ? a : b;
        Snapshot sb = b >= 0 ? to : from;
        int ib = b >= 0 ? b : a;
        double t = (a >= 0 && b >= 0) ? alpha : 0;
        int offA = sa.stateOffset(ia);
        int offB = sb.stateOffset(ib);
        int[] da = sa.data();
        int[] db = sb.data();
        List<EntitySchema.Field> fields = schema.fields();
        for (int i = 0; i < fields.size(); i++) {
            EntitySchema.Field f = fields.get(i);
            int o = offsets[i];
            if (f instanceof EntitySchema.FloatField ff) {
                out[o] = (float) Interpolators.linear(ff.get(da, offA), ff.get(db, offB), t);
            } else if (f instanceof EntitySchema.AngleField af) {
                out[o] = (float) Interpolators.angle(af.get(da, offA), af.get(db, offB), t);
            } else if (f instanceof EntitySchema.QuaternionField qf) {
                qf.get(da, offA, q0);
                qf.get(db, offB, q1);
                Interpolators.nlerp(q0, q1, Math.min(1.0, t), q0);
                System.arraycopy(q0, 0, out, o, 4);
            } else if (f instanceof EntitySchema.UnitVectorField uf) {
                uf.get(da, offA, q0);
                uf.get(db, offB, q1);
                double x = Interpolators.linear(q0[0], q1[0], Math.min(1.0, t));
                double y = Interpolators.linear(q0[1], q1[1], Math.min(1.0, t));
                double z = Interpolators.linear(q0[2], q1[2], Math.min(1.0, t));
                double n = Math.sqrt(x * x + y * y + z * z);
                if (n < 1e-9) {
                    System.arraycopy(q1, 0, out, o, 3);
                } else {
                    out[o] = (float) (x / n);
                    out[o + 1] = (float) (y / n);
                    out[o + 2] = (float) (z / n);
                }
            } else {
                // Discrete: take the nearer snapshot's value.
                int[] d = t < 0.5 ? da : db;
                int off = t < 0.5 ? offA : offB;
                if (f instanceof EntitySchema.IntField inf) {
                    out[o] = inf.get(d, off);
                } else if (f instanceof EntitySchema.BoolField bf) {
                    out[o] = bf.get(d, off) ? 1f : 0f;
                } else {
                    for (int s = 0; s < f.slotCount(); s++) {
                        out[o + s] = d[off + f.firstSlot() + s];
                    }
                }
            }
        }
        return true;
    }

    private int indexOf(Snapshot snapshot, int entityId) {
        if (snapshot == null) {
            return -1;
        }
        int i = snapshot.indexOf(entityId);
        if (i < 0 || snapshot.schema(i) != schema) {
            return -1;
        }
        return i;
    }
}
