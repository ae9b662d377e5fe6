/**
 * The libGDX desktop client.
 *
 * <p>{@link dev.netcode.sample.client.ArenaClientApp} reads keyboard and mouse into
 * {@link dev.netcode.sample.client.LocalControls}, feeds them to a
 * {@link dev.netcode.sample.client.GameSession} and draws the session's
 * {@link dev.netcode.sample.client.GameView} with {@link dev.netcode.sample.client.ArenaRenderer}
 * (ShapeRenderer and the built-in font only). F3 shows live graphs from the session's
 * {@link dev.netcode.sample.client.NetworkStatsSource}.
 *
 * <h2>Plugging in networking</h2>
 * A networked session implements {@code GameSession}: in {@code update} it stamps the controls
 * into a {@link dev.netcode.sample.sim.PlayerInput} for the next tick, sends it (redundantly, on
 * the unreliable channel), predicts the local player with
 * {@link dev.netcode.sample.sim.PlayerState#applyMovement}, and interpolates remote players from
 * the snapshot buffer; its {@code view()} returns those players, its {@code networkStats()} the
 * connection's figures. Today only {@link dev.netcode.sample.client.OfflineSession} exists.
 */
package dev.netcode.sample.client;
