package dev.netcode.webrtc.ice.internal;

import dev.netcode.webrtc.ice.IceRole;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The check list of one data stream (RFC 8445 §6.1.2): candidate pairs ordered by descending pair
 * priority (unsigned), plus the triggered-check queue (§7.3.1.4). Bounded to {@code maxPairs}.
 * Not thread-safe: owned by the agent's event loop.
 */
public final class CheckList {
    private final int maxPairs;
    private final List<CandidatePair> pairs = new ArrayList<>();
    private final ArrayDeque<CandidatePair> triggered = new ArrayDeque<>();

    public CheckList(int maxPairs) {
        this.maxPairs = maxPairs;
    }

    public boolean isEmpty() {
        return pairs.isEmpty();
    }

    public boolean isFull() {
        return pairs.size() >= maxPairs;
    }

    /** The pair from {@code base} to {@code remote}, or null. */
    public CandidatePair find(IceSocket base, InetSocketAddress remote) {
        for (CandidatePair p : pairs) {
            if (p.local().base() == base && remote.equals(p.remote().address())) {
                return p;
            }
        }
        return null;
    }

    /** Inserts {@code pair} in priority order; false when the list is full. */
    public boolean add(CandidatePair pair) {
        if (isFull()) {
            return false;
        }
        int i = 0;
        while (i < pairs.size() && Long.compareUnsigned(pairs.get(i).priority(), pair.priority()) >= 0) {
            i++;
        }
        pairs.add(i, pair);
        return true;
    }

    /** Recomputes every pair priority after a role change and re-sorts. */
    public void reprioritize(IceRole role) {
        for (CandidatePair p : pairs) {
            p.updatePriority(role);
        }
        pairs.sort((a, b) -> Long.compareUnsigned(b.priority(), a.priority()));
    }

    /** Queues a triggered check unless one is already queued. */
    public void trigger(CandidatePair pair, boolean first) {
        if (pair.triggered) {
            return;
        }
        pair.triggered = true;
        if (first) {
            triggered.addFirst(pair);
        } else {
            triggered.add(pair);
        }
    }

    public void clearTriggered() {
        for (CandidatePair p : triggered) {
            p.triggered = false;
        }
        triggered.clear();
    }

    /**
     * The pair to check next (RFC 8445 §6.1.4.2): the head of the triggered queue, else the
     * highest-priority WAITING pair, else the highest FROZEN one. A triggered pair already in progress
     * is skipped unless it still needs its nominating check ({@code needsNomination}).
     */
    public CandidatePair nextToCheck(Predicate<CandidatePair> needsNomination) {
        while (!triggered.isEmpty()) {
            CandidatePair p = triggered.poll();
            p.triggered = false;
            if (p.state != CandidatePair.State.IN_PROGRESS || needsNomination.test(p)) {
                return p;
            }
        }
        CandidatePair frozen = null;
        for (CandidatePair p : pairs) {
            if (p.state == CandidatePair.State.WAITING) {
                return p;
            }
            if (frozen == null && p.state == CandidatePair.State.FROZEN) {
                frozen = p;
            }
        }
        return frozen;
    }

    /** The highest-priority pair whose check succeeded (a valid pair), or null. */
    public CandidatePair bestSucceeded() {
        for (CandidatePair p : pairs) {
            if (p.state == CandidatePair.State.SUCCEEDED) {
                return p;
            }
        }
        return null;
    }

    /** True when a pair above {@code pair} may still succeed. */
    public boolean hasPendingAbove(CandidatePair pair) {
        for (CandidatePair p : pairs) {
            if (p == pair) {
                return false;
            }
            if (isPending(p)) {
                return true;
            }
        }
        return false;
    }

    /** True when at least one pair exists and every pair failed, with no triggered check queued. */
    public boolean allFailed() {
        if (pairs.isEmpty() || !triggered.isEmpty()) {
            return false;
        }
        for (CandidatePair p : pairs) {
            if (p.state != CandidatePair.State.FAILED) {
                return false;
            }
        }
        return true;
    }

    /** True while any check is queued, waiting, frozen or in progress. */
    public boolean checksPending() {
        if (!triggered.isEmpty()) {
            return true;
        }
        for (CandidatePair p : pairs) {
            if (isPending(p)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPending(CandidatePair p) {
        return p.state == CandidatePair.State.WAITING || p.state == CandidatePair.State.IN_PROGRESS
                || p.state == CandidatePair.State.FROZEN;
    }

    /** The lite pair for {@code base} and {@code remote}: a lite agent's pairs are valid once a check authenticated. */
    public CandidatePair findByRemote(IceSocket base, RemoteCandidate remote) {
        for (CandidatePair p : pairs) {
            if (p.local().base() == base && p.remote() == remote) {
                return p;
            }
        }
        return null;
    }

    /** Forgets every pair and queued check: a new ICE generation starts from scratch (RFC 8445 §9). */
    public void clear() {
        pairs.clear();
        triggered.clear();
    }

    /** Puts failed pairs back to WAITING (an ICE restart keeps trying while the path is down); returns how many. */
    public int rearmFailed() {
        int n = 0;
        for (CandidatePair p : pairs) {
            if (p.state == CandidatePair.State.FAILED) {
                p.state = CandidatePair.State.WAITING;
                n++;
            }
        }
        return n;
    }
}
