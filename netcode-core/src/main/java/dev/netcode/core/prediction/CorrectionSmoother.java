package dev.netcode.core.prediction;

/**
 * Hides a prediction correction: the simulation snaps to the corrected state, and the drawn
 * position keeps a render offset (old drawn position − new one) that decays exponentially, never
 * faster than {@code maxCorrectionPerFrame} per frame. Used by {@link PredictedClient}; usable alone.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>{@link #advance} once per rendered frame with that frame's duration; the decay is by time,
 *       the movement cap by frame.</li>
 *   <li>With a small {@code maxCorrectionPerFrame} a large correction takes long to disappear; set
 *       {@code snapDistance} so that teleports are shown at once.</li>
 * </ul>
 */
public final class CorrectionSmoother {
    private final double halfLifeMs;
    private final double maxPerFrame;
    private final double snapDistance;
    private final double[] offset;

    public CorrectionSmoother(int dimensions, double halfLifeMs, double maxCorrectionPerFrame, double snapDistance) {
        if (dimensions < 1 || dimensions > 4) {
            throw new IllegalArgumentException("dimensions must be 1..4");
        }
        this.offset = new double[dimensions];
        this.halfLifeMs = halfLifeMs;
        this.maxPerFrame = maxCorrectionPerFrame;
        this.snapDistance = snapDistance;
    }

    /** Adds a correction: the state moved from {@code before} to {@code after} without the player seeing it. */
    public void correct(double[] before, double[] after) {
        for (int i = 0; i < offset.length; i++) {
            offset[i] += before[i] - after[i];
        }
        if (length() > snapDistance) {
            java.util.Arrays.fill(offset, 0);
        }
    }

    /** Decays the offset by one frame of {@code frameMs}; returns how far the offset moved. */
    public double advance(double frameMs) {
        double len = length();
        if (len == 0 || !(frameMs > 0)) {
            return 0; // also NaN: a broken frame timer must not poison the offset
        }
        double keep = Math.pow(0.5, frameMs / halfLifeMs);
        double step = len * (1 - keep);
        if (step > maxPerFrame) {
            step = maxPerFrame;
        }
        if (len - step < 1e-9) {
            java.util.Arrays.fill(offset, 0);
            return len;
        }
        double scale = (len - step) / len;
        for (int i = 0; i < offset.length; i++) {
            offset[i] *= scale;
        }
        return step;
    }

    /** Adds the current offset to {@code position} in place. */
    public void apply(double[] position) {
        for (int i = 0; i < offset.length; i++) {
            position[i] += offset[i];
        }
    }

    /** Length of the current offset. */
    public double length() {
        double s = 0;
        for (double v : offset) {
            s += v * v;
        }
        return Math.sqrt(s);
    }
}
