package dev.netcode.core.snapshot;

/**
 * "Smallest three" quantization of a unit quaternion into four integer slots.
 *
 * <p>Of a unit quaternion's four components the largest in magnitude is at least 1/2, so the other
 * three lie in {@code [-1/√2, 1/√2]}. We send the index of the largest (2 bits) and the other three at
 * {@code bitsPerComponent} bits each; the receiver rebuilds the largest as
 * {@code sqrt(1 - a² - b² - c²)}. Because {@code q} and {@code -q} are the same rotation, the
 * quaternion is negated first when the largest component is negative, so it is always rebuilt as
 * positive.
 *
 * <pre>
 * slot 0: largest index (2 bits)   slots 1..3: the other components in x,y,z,w order (N bits each)
 * </pre>
 *
 * <p>Slots rather than one packed long so a delta encoder compares and encodes each component on its
 * own; 9 to 10 bits per component is typical for visible rotation (Gaffer on Games uses 9).
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>The input must be normalized (or close): the encoder normalizes, but garbage such as all
 *       zeros becomes the identity.</li>
 *   <li>The largest component switching (a rotation passing 45° on an axis) changes every slot at
 *       once; a delta encoder then pays for full values for that one snapshot.</li>
 * </ul>
 */
public final class QuaternionQuantizer {
    /** Slots one quaternion occupies. */
    public static final int SLOTS = 4;
    private static final double BOUND = 1.0 / Math.sqrt(2.0);

    private final int bitsPerComponent;
    private final BoundedFloat component;

    public QuaternionQuantizer(int bitsPerComponent) {
        if (bitsPerComponent < 3 || bitsPerComponent > 24) {
            throw new IllegalArgumentException("bitsPerComponent must be 3..24: " + bitsPerComponent);
        }
        this.bitsPerComponent = bitsPerComponent;
        int maxQuantum = (1 << bitsPerComponent) - 1;
        this.component = new BoundedFloat(-BOUND, BOUND, 2 * BOUND / maxQuantum);
    }

    public int bitsPerComponent() {
        return bitsPerComponent;
    }

    /** Width of slot {@code i}: 2 bits for the index, {@code bitsPerComponent} for the others. */
    public int slotBits(int slot) {
        return slot == 0 ? 2 : bitsPerComponent;
    }

    /** Writes the quantized form of (x, y, z, w) into {@code out[offset .. offset + 3]}. */
    public void quantize(double x, double y, double z, double w, int[] out, int offset) {
        double norm = Math.sqrt(x * x + y * y + z * z + w * w);
        if (!(norm > 1e-12) || !Double.isFinite(norm)) {
            x = 0;
            y = 0;
            z = 0;
            w = 1;
            norm = 1;
        }
        double[] q = {x / norm, y / norm, z / norm, w / norm};
        int largest = 0;
        for (int i = 1; i < 4; i++) {
            if (Math.abs(q[i]) > Math.abs(q[largest])) {
                largest = i;
            }
        }
        double sign = q[largest] < 0 ? -1 : 1;
        out[offset] = largest;
        int slot = 1;
        for (int i = 0; i < 4; i++) {
            if (i != largest) {
                out[offset + slot++] = component.quantize(sign * q[i]);
            }
        }
    }

    /** Rebuilds (x, y, z, w) from four slots into {@code out[outOffset .. outOffset + 3]}. */
    public void dequantize(int[] slots, int offset, float[] out, int outOffset) {
        int largest = slots[offset] & 3;
        double sum = 0;
        int slot = 1;
        double[] q = new double[4];
        for (int i = 0; i < 4; i++) {
            if (i != largest) {
                double c = component.dequantizeDouble(slots[offset + slot++]);
                q[i] = c;
                sum += c * c;
            }
        }
        q[largest] = Math.sqrt(Math.max(0.0, 1.0 - sum));
        double norm = Math.sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3]);
        for (int i = 0; i < 4; i++) {
            out[outOffset + i] = (float) (q[i] / norm);
        }
    }

    /** Largest error of one small component, half a step. */
    public double componentMaxError() {
        return component.resolution() / 2;
    }
}
