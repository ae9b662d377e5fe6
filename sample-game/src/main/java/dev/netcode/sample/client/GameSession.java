package dev.netcode.sample.client;

/**
 * What the client app drives every frame: it feeds the local controls in and draws the
 * {@link #view()}. Offline this is {@link OfflineSession}; the networked session will send the
 * controls as stamped inputs, predict the local player, interpolate remote players and expose
 * its connection figures as a {@link NetworkStatsSource}.
 */
public interface GameSession {
    /**
     * Advances by one rendered frame.
     *
     * @param deltaSeconds wall time since the previous frame
     * @param controls the local player's controls this frame
     */
    void update(float deltaSeconds, LocalControls controls);

    GameView view();

    /** Network figures for the F3 overlay. */
    NetworkStatsSource networkStats();

    /** Releases connections and threads; called once from the app's dispose. */
    default void close() {}
}
