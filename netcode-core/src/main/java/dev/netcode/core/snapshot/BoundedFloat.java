package dev.netcode.core.snapshot;

/**
 * Quantizes a float in {@code [min, max]} to an integer step of a chosen resolution.
 *
 * <p>{@code new BoundedFloat(-100, 100, 0.01)} maps -100 → 0, 100 → 20000 and needs
 * {@link #bits()} = 15 bits. Dequantizing any in-range value's quantum gives back the value within
 * {@code resolution / 2}.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Values outside the range are clamped, silently: pick bounds that hold every legal value
 *       (a world size, a maximum speed).</li>
 *   <li>NaN quantizes to {@code min}: decide upstream what NaN means for your game.</li>
 *   <li>The quantized value is what both ends agree on. A server that keeps simulating on
 *       unquantized floats while clients predict from quantized ones will see small drifts; run
 *       {@code v = dequantize(quantize(v))} on authoritative state when determinism matters.</li>
 * </ul>
 */
public final class BoundedFloat {
    private final double min;
    private final double max;
    private final double resolution;
    private final int maxQuantum;
    private final int bits;

    public BoundedFloat(double min, double max, double resolution) {
        if (!(min < max) || !Double.isFinite(min) || !Double.isFinite(max)) {
            throw new IllegalArgumentException("need finite min < max: " + min + ", " + max);
        }
        if (!(resolution > 0) || !Double.isFinite(resolution)) {
            throw new IllegalArgumentException("resolution must be > 0: " + resolution);
        }
        double steps = Math.ceil((max - min) / resolution - 1e-9);
        if (steps > (1 << 30)) {
            throw new IllegalArgumentException("range/resolution needs more than 30 bits");
        }
        this.min = min;
        this.max = max;
        this.resolution = resolution;
        this.maxQuantum = (int) steps;
        this.bits = BitWriter.bitsFor(maxQuantum);
    }

    public int quantize(double value) {
        if (!(value > min)) {
            return 0;
        }
        if (value >= max) {
            return maxQuantum;
        }
        long q = Math.round((value - min) / resolution);
        return (int) Math.min(q, maxQuantum);
    }

    public float dequantize(int quantum) {
        return (float) dequantizeDouble(quantum);
    }

    public double dequantizeDouble(int quantum) {
        double v = min + (double) quantum * resolution;
        return Math.min(v, max);
    }

    /** Largest quantum {@link #quantize} returns. */
    public int maxQuantum() {
        return maxQuantum;
    }

    public int bits() {
        return bits;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    public double resolution() {
        return resolution;
    }
}
