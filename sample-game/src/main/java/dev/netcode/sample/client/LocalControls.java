package dev.netcode.sample.client;

/**
 * The local player's raw controls for one frame, filled from keyboard and mouse (or an autopilot)
 * and handed to a {@link GameSession}, which stamps the tick and quantizes them into a
 * {@link dev.netcode.sample.sim.PlayerInput}. Mutable and reused so a frame allocates nothing.
 */
public final class LocalControls {
    /** Movement axes in [-1, 1]. */
    public float moveX;
    public float moveY;
    /** Aim, radians counter-clockwise from +x. */
    public float aimRadians;
    public boolean fire;

    public void clear() {
        moveX = 0f;
        moveY = 0f;
        fire = false;
    }
}
