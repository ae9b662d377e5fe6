package dev.netcode.lobby;

/**
 * One matchmaking mode. Queues are keyed by mode and region; every region of a mode uses the same
 * configuration.
 *
 * <p>Skill windows: a ticket that has waited {@code t} seconds accepts opponents within
 * {@code min(initialSkillWindow + skillWindowGrowthPerSecond * t, maxSkillWindow)} of its skill;
 * two tickets match only if each accepts the other. A match forms as soon as {@code maxPlayers}
 * compatible players are found, or with at least {@code minPlayers} once the oldest ticket has
 * waited {@code fillTimeoutMs}.
 *
 * @param hostMode who hosts the match
 */
public record QueueConfig(String mode, int minPlayers, int maxPlayers, double initialSkillWindow,
                          double skillWindowGrowthPerSecond, double maxSkillWindow, long fillTimeoutMs,
                          HostMode hostMode) {
    /** Who hosts a formed match. */
    public enum HostMode {
        /** A registered dedicated host in the queue's region; tickets wait while none has room. */
        DEDICATED,
        /** One of the players (the one who has waited longest). */
        P2P,
        /** A dedicated host when one has room, else peer-to-peer. */
        DEDICATED_OR_P2P
    }

    public QueueConfig {
        if (mode == null || !mode.matches("[A-Za-z0-9_.-]{1,32}")) {
            throw new IllegalArgumentException("mode must be 1..32 of [A-Za-z0-9_.-], got " + mode);
        }
        if (minPlayers < 1 || maxPlayers < minPlayers || maxPlayers > 256) {
            throw new IllegalArgumentException("need 1 <= minPlayers <= maxPlayers <= 256, got " + minPlayers + ".." + maxPlayers);
        }
        if (initialSkillWindow < 0 || skillWindowGrowthPerSecond < 0 || maxSkillWindow < initialSkillWindow) {
            throw new IllegalArgumentException("skill window must be >= 0, growing, and max >= initial");
        }
        if (fillTimeoutMs < 0 || hostMode == null) {
            throw new IllegalArgumentException("fillTimeoutMs must be >= 0 and hostMode set");
        }
    }

    /** A 1-vs-1 style default: 2 players, window 100 growing 50/s up to 1000, no dedicated host needed. */
    public static QueueConfig of(String mode, int minPlayers, int maxPlayers, HostMode hostMode) {
        return new QueueConfig(mode, minPlayers, maxPlayers, 100, 50, 1000, 10_000, hostMode);
    }
}
