package dev.netcode.core.snapshot;

/**
 * Quantizes a unit 3-vector (a direction, a surface normal) into two integer slots using the
 * octahedral mapping: the vector is projected onto the octahedron {@code |x|+|y|+|z| = 1}, whose
 * lower half is folded over the upper one, giving two coordinates in {@code [-1, 1]}.
 *
 * <p>Uniform error over the sphere, unlike storing two angles; 2 × 12 bits is below 0.05°.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>The zero vector has no direction and comes back as (0, 0, 1).</li>
 * </ul>
 */
public final class UnitVectorQuantizer {
    public static final int SLOTS = 2;
    private final int bitsPerComponent;
    private final BoundedFloat coordinate;

    public UnitVectorQuantizer(int bitsPerComponent) {
        if (bitsPerComponent < 3 || bitsPerComponent > 24) {
            throw new IllegalArgumentException("bitsPerComponent must be 3..24: " + bitsPerComponent);
        }
        this.bitsPerComponent = bitsPerComponent;
        this.coordinate = new BoundedFloat(-1, 1, 2.0 / ((1 << bitsPerComponent) - 1));
    }

    public int bitsPerComponent() {
        return bitsPerComponent;
    }

    public void quantize(double x, double y, double z, int[] out, int offset) {
        double l1 = Math.abs(x) + Math.abs(y) + Math.abs(z);
        if (!(l1 > 1e-12) || !Double.isFinite(l1)) {
            x = 0;
            y = 0;
            z = 1;
            l1 = 1;
        }
        double u = x / l1;
        double v = y / l1;
        if (z < 0) {
            double fu = (1 - Math.abs(v)) * Math.signum(u == 0 ? 1 : u);
            double fv = (1 - Math.abs(u)) * Math.signum(v == 0 ? 1 : v);
            u = fu;
            v = fv;
        }
        out[offset] = coordinate.quantize(u);
        out[offset + 1] = coordinate.quantize(v);
    }

    public void dequantize(int[] slots, int offset, float[] out, int outOffset) {
        double u = coordinate.dequantizeDouble(slots[offset]);
        double v = coordinate.dequantizeDouble(slots[offset + 1]);
        double z = 1 - Math.abs(u) - Math.abs(v);
        double x = u;
        double y = v;
        if (z < 0) {
            x = (1 - Math.abs(v)) * Math.signum(u == 0 ? 1 : u);
            y = (1 - Math.abs(u)) * Math.signum(v == 0 ? 1 : v);
        }
        double norm = Math.sqrt(x * x + y * y + z * z);
        out[outOffset] = (float) (x / norm);
        out[outOffset + 1] = (float) (y / norm);
        out[outOffset + 2] = (float) (z / norm);
    }
}
