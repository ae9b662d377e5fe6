package dev.netcode.lobby.internal;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Login attempts per source IP: a token bucket per address, in a map bounded by evicting buckets
 * that have refilled (their owners are idle) once it grows past {@code maxTrackedAddresses}.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Behind a reverse proxy every client has the proxy's address; the limit then applies to
 *       everyone together. Put the lobby directly on the network or raise the limit.</li>
 *   <li>If every tracked address is active and the map is full, new addresses are refused: the
 *       limiter fails closed rather than growing without bound.</li>
 * </ul>
 */
public final class LoginLimiter {
    private final double perSecond;
    private final int burst;
    private final int maxTrackedAddresses;
    private final Map<InetAddress, TokenBucket> buckets = new HashMap<>();

    public LoginLimiter(double perMinute, int burst, int maxTrackedAddresses) {
        this.perSecond = perMinute / 60.0;
        this.burst = burst;
        this.maxTrackedAddresses = maxTrackedAddresses;
    }

    public synchronized boolean tryAcquire(InetAddress address, long nowNs) {
        TokenBucket bucket = buckets.get(address);
        if (bucket == null) {
            if (buckets.size() >= maxTrackedAddresses) {
                for (Iterator<TokenBucket> it = buckets.values().iterator(); it.hasNext(); ) {
                    if (it.next().isFull(nowNs)) {
                        it.remove();
                    }
                }
                if (buckets.size() >= maxTrackedAddresses) {
                    return false;
                }
            }
            bucket = new TokenBucket(perSecond, burst, nowNs);
            buckets.put(address, bucket);
        }
        return bucket.tryTake(nowNs);
    }
}
