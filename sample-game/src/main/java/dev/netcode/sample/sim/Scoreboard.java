package dev.netcode.sample.sim;

/**
 * Orders players for the scoreboard: most kills first, then fewest deaths, then lowest id, so the
 * order is total and stable across host and clients.
 */
public final class Scoreboard {
    private Scoreboard() {}

    /**
     * Writes the indexes (into {@code view}) of the players in scoreboard order.
     *
     * @param order at least {@code view.playerCount()} long
     * @return the number of entries written
     */
    public static int rank(ArenaView view, int[] order) {
        int n = view.playerCount();
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        // Insertion sort: at most 16 players, and no boxing or comparator allocation.
        for (int i = 1; i < n; i++) {
            int cur = order[i];
            int j = i - 1;
            while (j >= 0 && before(view.player(cur), view.player(order[j]))) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = cur;
        }
        return n;
    }

    static boolean before(PlayerView a, PlayerView b) {
        if (a.kills() != b.kills()) {
            return a.kills() > b.kills();
        }
        if (a.deaths() != b.deaths()) {
            return a.deaths() < b.deaths();
        }
        return a.id() < b.id();
    }
}
