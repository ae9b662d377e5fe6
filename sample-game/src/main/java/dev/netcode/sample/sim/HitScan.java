package dev.netcode.sample.sim;

/**
 * Hitscan judging: the first living target whose circle the ray crosses within range.
 *
 * <p>A reusable instance holds the last result, so judging allocates nothing. Pure function of
 * its arguments: call it with rewound {@link HitTargets} for lag compensation. Uses float
 * arithmetic in a fixed order and {@link StrictMath#sqrt} only, so host and client agree.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>The direction must be a unit vector; {@link World} derives it from the quantized aim.</li>
 *   <li>The shooter is excluded by id: rewound targets must keep the same ids.</li>
 * </ul>
 */
public final class HitScan {
    private int hitId = -1;
    private float hitDistance;

    /**
     * Traces a ray and remembers the nearest hit.
     *
     * @return true if a target was hit; then {@link #hitId()} and {@link #hitDistance()} are valid
     */
    public boolean trace(float originX, float originY, float dirX, float dirY, float range,
                         float targetRadius, int shooterId, HitTargets targets) {
        hitId = -1;
        hitDistance = range;
        float r2 = targetRadius * targetRadius;
        for (int i = 0, n = targets.count(); i < n; i++) {
            if (!targets.alive(i) || targets.id(i) == shooterId) {
                continue;
            }
            float cx = targets.x(i) - originX;
            float cy = targets.y(i) - originY;
            float along = cx * dirX + cy * dirY;
            if (along < 0f) {
                continue; // behind the muzzle
            }
            float perp2 = cx * cx + cy * cy - along * along;
            if (perp2 > r2) {
                continue;
            }
            float entry = along - (float) StrictMath.sqrt(Math.max(0f, r2 - perp2));
            if (entry < 0f) {
                entry = 0f; // muzzle inside the target
            }
            // Strict '<' keeps the lower index on exact ties: deterministic.
            if (entry < hitDistance || (hitId < 0 && entry <= hitDistance)) {
                hitDistance = entry;
                hitId = targets.id(i);
            }
        }
        return hitId >= 0;
    }

    /** Id of the target hit by the last trace, or -1. */
    public int hitId() {
        return hitId;
    }

    /** Distance along the ray to the hit, or the range when nothing was hit. */
    public float hitDistance() {
        return hitDistance;
    }
}
