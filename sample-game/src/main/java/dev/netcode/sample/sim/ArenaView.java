package dev.netcode.sample.sim;

/**
 * Read-only list of the players in an arena: what bots decide from and what the renderer draws.
 * Indexed access (no iterators) so a per-frame walk allocates nothing.
 */
public interface ArenaView {
    int playerCount();

    /** The player at {@code index} in [0, playerCount()), in ascending id order. */
    PlayerView player(int index);

    /** The player with this id, or null. */
    default PlayerView findPlayer(int id) {
        for (int i = 0, n = playerCount(); i < n; i++) {
            PlayerView p = player(i);
            if (p.id() == id) {
                return p;
            }
        }
        return null;
    }
}
