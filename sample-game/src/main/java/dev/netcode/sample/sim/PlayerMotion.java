package dev.netcode.sample.sim;

/**
 * The arena's movement rule, shared by the desktop client (prediction), the dedicated host
 * (authority) and bots. It must be deterministic: the same state and input give the same result
 * on every JVM, or every client would mispredict. That is why it uses only float arithmetic in a
 * fixed order and no {@code Math} functions whose results may differ between platforms
 * ({@code StrictMath.sqrt} is exactly rounded everywhere). Walls ({@link Obstacles}) are
 * resolved after the move by pushing the player out.
 */
public final class PlayerMotion {
    /** Arena size in world units; the origin is the lower-left corner. */
    public static final float ARENA_WIDTH = 64f;
    public static final float ARENA_HEIGHT = 36f;
    public static final float PLAYER_RADIUS = 0.5f;
    public static final float SPEED_UNITS_PER_SECOND = 8f;

    private PlayerMotion() {}

    /**
     * Moves a player by one fixed step.
     *
     * @param position {x, y}, updated in place
     * @param moveX input axis in [-1, 1] (clamped)
     * @param moveY input axis in [-1, 1] (clamped)
     * @param dtSeconds fixed step length
     */
    public static void step(float[] position, float moveX, float moveY, float dtSeconds) {
        float mx = clamp(moveX, -1f, 1f);
        float my = clamp(moveY, -1f, 1f);
        float len2 = mx * mx + my * my;
        if (len2 > 1f) {
            // Diagonal input would otherwise move sqrt(2) times faster than straight input.
            float inv = (float) (1.0 / StrictMath.sqrt(len2));
            mx *= inv;
            my *= inv;
        }
        float step = SPEED_UNITS_PER_SECOND * dtSeconds;
        position[0] = clamp(position[0] + mx * step, PLAYER_RADIUS, ARENA_WIDTH - PLAYER_RADIUS);
        position[1] = clamp(position[1] + my * step, PLAYER_RADIUS, ARENA_HEIGHT - PLAYER_RADIUS);
        Obstacles.pushOut(position, PLAYER_RADIUS);
    }

    static float clamp(float v, float min, float max) {
        return v < min ? min : (v > max ? max : v);
    }
}
