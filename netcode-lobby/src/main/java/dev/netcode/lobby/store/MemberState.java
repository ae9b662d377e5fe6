package dev.netcode.lobby.store;

/** One member of a room (plain data holder, see {@link SessionState}). */
public final class MemberState {
    public String userId;
    public String displayName;
    public boolean ready;
    public boolean connected = true;
    public long joinedAtMs;

    public MemberState() {}

    public MemberState(String userId, String displayName, long joinedAtMs) {
        this.userId = userId;
        this.displayName = displayName;
        this.joinedAtMs = joinedAtMs;
    }
}
