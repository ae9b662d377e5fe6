package dev.netcode.core.interpolation;

/**
 * Interpolation of the common replicated values: positions (linear, Hermite), angles (shortest arc)
 * and rotations (nlerp, slerp). All are allocation-free; quaternions are (x, y, z, w) in
 * {@code float[4]} arrays.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Linear interpolation of positions makes corners on curved paths at low send rates; Hermite
 *       with velocities (replicated, or estimated from neighbouring snapshots) follows curves.</li>
 *   <li>Angles must go the short way round: lerping 350° to 10° by numbers spins through 180°.</li>
 *   <li>{@code q} and {@code -q} are the same rotation; both quaternion methods flip the second when
 *       the dot product is negative, so the blend takes the short path.</li>
 * </ul>
 */
public final class Interpolators {
    private Interpolators() {
    }

    public static double linear(double from, double to, double alpha) {
        return from + (to - from) * alpha;
    }

    /**
     * Cubic Hermite between {@code p0} and {@code p1} with velocities {@code v0}, {@code v1} (units per
     * second) over an interval of {@code intervalSeconds}.
     */
    public static double hermite(double p0, double v0, double p1, double v1, double intervalSeconds, double alpha) {
        double t = alpha;
        double t2 = t * t;
        double t3 = t2 * t;
        double h00 = 2 * t3 - 3 * t2 + 1;
        double h10 = t3 - 2 * t2 + t;
        double h01 = -2 * t3 + 3 * t2;
        double h11 = t3 - t2;
        return h00 * p0 + h10 * intervalSeconds * v0 + h01 * p1 + h11 * intervalSeconds * v1;
    }

    /** Blends two angles in radians along the shorter arc; the result is in {@code (-π, π]}. */
    public static double angle(double from, double to, double alpha) {
        double delta = Math.IEEEremainder(to - from, 2 * Math.PI);
        return Math.IEEEremainder(from + delta * alpha, 2 * Math.PI);
    }

    /** Normalized linear blend: fast, slightly uneven angular speed; fine between close snapshots. */
    public static void nlerp(float[] from, float[] to, double alpha, float[] out) {
        double sign = dot(from, to) < 0 ? -1 : 1;
        double x = from[0] + (sign * to[0] - from[0]) * alpha;
        double y = from[1] + (sign * to[1] - from[1]) * alpha;
        double z = from[2] + (sign * to[2] - from[2]) * alpha;
        double w = from[3] + (sign * to[3] - from[3]) * alpha;
        double n = Math.sqrt(x * x + y * y + z * z + w * w);
        if (n < 1e-12) {
            System.arraycopy(from, 0, out, 0, 4);
            return;
        }
        out[0] = (float) (x / n);
        out[1] = (float) (y / n);
        out[2] = (float) (z / n);
        out[3] = (float) (w / n);
    }

    /** Spherical linear blend: constant angular speed. */
    public static void slerp(float[] from, float[] to, double alpha, float[] out) {
        double d = dot(from, to);
        double sign = d < 0 ? -1 : 1;
        d = Math.abs(d);
        if (d > 0.9995) {
            nlerp(from, to, alpha, out);
            return;
        }
        double theta = Math.acos(d);
        double s = Math.sin(theta);
        double a = Math.sin((1 - alpha) * theta) / s;
        double b = sign * Math.sin(alpha * theta) / s;
        double x = a * from[0] + b * to[0];
        double y = a * from[1] + b * to[1];
        double z = a * from[2] + b * to[2];
        double w = a * from[3] + b * to[3];
        double n = Math.sqrt(x * x + y * y + z * z + w * w);
        out[0] = (float) (x / n);
        out[1] = (float) (y / n);
        out[2] = (float) (z / n);
        out[3] = (float) (w / n);
    }

    private static double dot(float[] a, float[] b) {
        return (double) a[0] * b[0] + (double) a[1] * b[1] + (double) a[2] * b[2] + (double) a[3] * b[3];
    }
}
