package dev.netcode.sample.client;

import dev.netcode.sample.sim.ArenaView;
import dev.netcode.sample.sim.ShotEvent;

/**
 * Everything the renderer draws, read once per frame on the render thread.
 *
 * <p>Offline, {@link OfflineSession} backs it with a local {@link dev.netcode.sample.sim.World}.
 * Networked, the client will back it with the predicted local player (its own inputs replayed on
 * the last snapshot) and remote players interpolated from the snapshot buffer; the renderer does
 * not know the difference. Players come in ascending id order through {@link ArenaView}, the local
 * player among them.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Positions are read at render time; an implementation must not step the simulation while
 *       the renderer walks the players (both run on the libGDX render thread, so just don't
 *       update from another thread).</li>
 *   <li>Indexed access, no iterators: nothing is allocated per frame.</li>
 * </ul>
 */
public interface GameView extends ArenaView {
    /** Id of the player this client controls, or -1 while spectating or not yet joined. */
    int localPlayerId();

    /** Recent shots still worth drawing as tracers. */
    int shotCount();

    ShotEvent shot(int index);

    /** Seconds since the shot at {@code index} was fired, for fading its tracer. */
    float shotAgeSeconds(int index);

    /** Display name of a player; never null. */
    String playerName(int id);

    /** One line for the HUD, e.g. "offline demo" or "connected to host eu-1". */
    String statusLine();
}
