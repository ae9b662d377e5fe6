package dev.netcode.sample.sim;

/**
 * A shot fired during a tick, for drawing tracers and for the network report ("hits registered").
 * The end point is where the ray stopped: the target's edge or the end of the range.
 *
 * @param hitId the id of the player hit, or -1
 */
public record ShotEvent(int tick, int shooterId, float fromX, float fromY, float toX, float toY, int hitId) {
    public boolean hit() {
        return hitId >= 0;
    }
}
