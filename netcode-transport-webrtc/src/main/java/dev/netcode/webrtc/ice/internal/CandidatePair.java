package dev.netcode.webrtc.ice.internal;

import dev.netcode.webrtc.ice.IcePriority;
import dev.netcode.webrtc.ice.IceRole;

/** A candidate pair on the check list (RFC 8445 §6.1.2) and its check state. */
public final class CandidatePair {
    /** RFC 8445 §6.1.2.6 pair states. */
    public enum State { FROZEN, WAITING, IN_PROGRESS, SUCCEEDED, FAILED }

    private final LocalCandidate local;
    private final RemoteCandidate remote;
    private long priority;
    public State state = State.WAITING;
    /** Controlling side: a USE-CANDIDATE check is (or was) sent on this pair. */
    public boolean nominating;
    /** Controlled side: the peer sent USE-CANDIDATE on this pair. */
    public boolean peerNominated;
    /** Queued on the triggered-check queue. */
    public boolean triggered;

    public CandidatePair(LocalCandidate local, RemoteCandidate remote, IceRole role) {
        this.local = local;
        this.remote = remote;
        updatePriority(role);
    }

    public void updatePriority(IceRole role) {
        priority = IcePriority.pairPriority(role, local.candidate().priority(), remote.priority());
    }

    public LocalCandidate local() {
        return local;
    }

    public RemoteCandidate remote() {
        return remote;
    }

    public long priority() {
        return priority;
    }

    @Override
    public String toString() {
        return local.address() + " -> " + remote.address() + " " + state;
    }
}
