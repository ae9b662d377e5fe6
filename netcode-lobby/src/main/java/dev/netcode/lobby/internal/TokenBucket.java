package dev.netcode.lobby.internal;

/**
 * Classic token bucket: holds up to {@code burst} tokens, refilled at {@code ratePerSecond}; each
 * event takes one. Not thread-safe: one owner thread (a connection's event loop) or external locking.
 */
public final class TokenBucket {
    private final double ratePerNs;
    private final double burst;
    private double tokens;
    private long lastNs;

    public TokenBucket(double ratePerSecond, int burst, long nowNs) {
        this.ratePerNs = ratePerSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.lastNs = nowNs;
    }

    /** Takes a token if one is available. */
    public boolean tryTake(long nowNs) {
        refill(nowNs);
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** True when the bucket has refilled completely (the owner has been idle long enough to forget it). */
    public boolean isFull(long nowNs) {
        refill(nowNs);
        return tokens >= burst;
    }

    private void refill(long nowNs) {
        long elapsed = nowNs - lastNs;
        if (elapsed > 0) {
            tokens = Math.min(burst, tokens + elapsed * ratePerNs);
            lastNs = nowNs;
        }
    }
}
