package dev.netcode.sample.sim;

/**
 * Read-only view of one player, as the renderer and bots see it. On the host it is the
 * authoritative {@link PlayerState}; on a networked client it will be the predicted local player
 * or an interpolated remote one.
 */
public interface PlayerView {
    int id();

    /** Centre, world units, origin at the arena's lower-left corner. */
    float x();

    float y();

    /** Aim direction, radians counter-clockwise from +x. */
    float aimRadians();

    int hp();

    boolean alive();

    int kills();

    int deaths();
}
