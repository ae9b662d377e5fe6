package dev.netcode.sample.sim;

/**
 * The arena's fixed walls: axis-aligned rectangles that block movement and shots. They never
 * move, so lag compensation does not need to rewind them.
 *
 * <p>Same determinism rules as {@link PlayerMotion}: float arithmetic in a fixed order,
 * {@link StrictMath#sqrt} only, rectangles visited in array order.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Collision is resolved by pushing the circle out of each rectangle once per step; this is
 *       sound only because a step (speed × tick) is far shorter than a wall is thick, so a player
 *       cannot tunnel through.</li>
 *   <li>Every rectangle keeps at least {@code 2 × PLAYER_RADIUS} from the arena's edge, so a
 *       push-out never leaves the arena and no gap traps a player.</li>
 * </ul>
 */
public final class Obstacles {
    /** {x, y, width, height} per wall, world units. */
    private static final float[] RECTS = {
        14f, 12f, 2f, 12f,  // left bar
        48f, 12f, 2f, 12f,  // right bar
        28f, 16f, 8f, 4f,   // centre block
        24f, 27f, 16f, 1.5f, // upper ledge
        24f, 7.5f, 16f, 1.5f, // lower ledge
    };

    private Obstacles() {}

    public static int count() {
        return RECTS.length / 4;
    }

    public static float x(int i) {
        return RECTS[4 * i];
    }

    public static float y(int i) {
        return RECTS[4 * i + 1];
    }

    public static float width(int i) {
        return RECTS[4 * i + 2];
    }

    public static float height(int i) {
        return RECTS[4 * i + 3];
    }

    /** Moves a circle of {@code radius} at {@code position} out of every wall it overlaps. */
    public static void pushOut(float[] position, float radius) {
        for (int i = 0; i < RECTS.length; i += 4) {
            float minX = RECTS[i];
            float minY = RECTS[i + 1];
            float maxX = minX + RECTS[i + 2];
            float maxY = minY + RECTS[i + 3];
            float px = position[0];
            float py = position[1];
            float cx = PlayerMotion.clamp(px, minX, maxX);
            float cy = PlayerMotion.clamp(py, minY, maxY);
            float dx = px - cx;
            float dy = py - cy;
            float d2 = dx * dx + dy * dy;
            if (d2 >= radius * radius) {
                continue;
            }
            if (d2 > 0f) {
                float d = (float) StrictMath.sqrt(d2);
                position[0] = cx + dx / d * radius;
                position[1] = cy + dy / d * radius;
            } else {
                // Centre inside the wall: leave through the nearest side.
                float left = px - minX;
                float right = maxX - px;
                float down = py - minY;
                float up = maxY - py;
                float min = Math.min(Math.min(left, right), Math.min(down, up));
                if (min == left) {
                    position[0] = minX - radius;
                } else if (min == right) {
                    position[0] = maxX + radius;
                } else if (min == down) {
                    position[1] = minY - radius;
                } else {
                    position[1] = maxY + radius;
                }
            }
        }
    }

    /** Whether a circle at (x, y) overlaps any wall. */
    public static boolean overlaps(float x, float y, float radius) {
        for (int i = 0; i < RECTS.length; i += 4) {
            float cx = PlayerMotion.clamp(x, RECTS[i], RECTS[i] + RECTS[i + 2]);
            float cy = PlayerMotion.clamp(y, RECTS[i + 1], RECTS[i + 1] + RECTS[i + 3]);
            float dx = x - cx;
            float dy = y - cy;
            if (dx * dx + dy * dy < radius * radius) {
                return true;
            }
        }
        return false;
    }

    /**
     * Distance along a ray to the first wall, or {@code range} if none is closer (slab method).
     *
     * @param dirX unit direction
     */
    public static float rayDistance(float originX, float originY, float dirX, float dirY, float range) {
        float best = range;
        for (int i = 0; i < RECTS.length; i += 4) {
            float tMin = 0f;
            float tMax = best;
            float minX = RECTS[i];
            float minY = RECTS[i + 1];
            float maxX = minX + RECTS[i + 2];
            float maxY = minY + RECTS[i + 3];
            if (dirX == 0f) {
                if (originX < minX || originX > maxX) {
                    continue;
                }
            } else {
                float t1 = (minX - originX) / dirX;
                float t2 = (maxX - originX) / dirX;
                tMin = Math.max(tMin, Math.min(t1, t2));
                tMax = Math.min(tMax, Math.max(t1, t2));
            }
            if (dirY == 0f) {
                if (originY < minY || originY > maxY) {
                    continue;
                }
            } else {
                float t1 = (minY - originY) / dirY;
                float t2 = (maxY - originY) / dirY;
                tMin = Math.max(tMin, Math.min(t1, t2));
                tMax = Math.min(tMax, Math.max(t1, t2));
            }
            if (tMin <= tMax && tMin < best) {
                best = tMin;
            }
        }
        return best;
    }
}
