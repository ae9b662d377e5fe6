package dev.netcode.core.snapshot;

/**
 * Quantizes an angle in radians to {@code bits} bits around the full circle.
 *
 * <p>Any angle (even −7π) maps to {@code [0, 2^bits)}; dequantizing gives an angle in
 * {@code [-π, π)} within half a step ({@code π / 2^bits}) of the input on the circle. 12 bits give
 * about 0.09°, plenty for a yaw.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>The round trip changes the representation, not the direction: compare angles with
 *       {@link #circularDistance(double, double)}, not {@code ==}.</li>
 *   <li>Interpolate dequantized angles along the shortest arc (see the interpolation package), or a
 *       yaw crossing ±π spins the wrong way round.</li>
 * </ul>
 */
public final class AngleQuantizer {
    private static final double TWO_PI = 2 * Math.PI;
    private final int bits;
    private final int steps;

    public AngleQuantizer(int bits) {
        if (bits < 2 || bits > 30) {
            throw new IllegalArgumentException("bits must be 2..30: " + bits);
        }
        this.bits = bits;
        this.steps = 1 << bits;
    }

    public int quantize(double radians) {
        if (!Double.isFinite(radians)) {
            return 0;
        }
        double turns = radians / TWO_PI;
        turns -= Math.floor(turns);
        long q = Math.round(turns * steps);
        return (int) (q & (steps - 1));
    }

    public float dequantize(int quantum) {
        double turns = (quantum & (steps - 1)) / (double) steps;
        if (turns >= 0.5) {
            turns -= 1.0;
        }
        return (float) (turns * TWO_PI);
    }

    public int bits() {
        return bits;
    }

    /** Half a step, the largest round-trip error in radians. */
    public double maxErrorRadians() {
        return Math.PI / steps;
    }

    /** Distance in {@code [0, π]} between two angles on the circle. */
    public static double circularDistance(double a, double b) {
        double d = Math.IEEEremainder(a - b, TWO_PI);
        return Math.abs(d);
    }
}
