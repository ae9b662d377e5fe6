package dev.netcode.webrtc.turn;

/**
 * Timers of a {@link TurnClient}. {@link #defaults()} follows the RFCs; tests shorten them.
 *
 * @param rtoMs                  initial UDP retransmission timeout (RFC 8489 §6.2.1: 500 ms), doubled per retransmission
 * @param maxRequests            Rc: requests sent in total over UDP before giving up (7)
 * @param lastWaitFactor         Rm: after the last request wait Rm × RTO for an answer (16)
 * @param tcpTimeoutMs           Ti: a request over TCP times out after this (39.5 s)
 * @param requestedLifetimeSeconds LIFETIME asked for in Allocate/Refresh; 0 lets the server choose (600 s)
 * @param permissionRefreshMs    re-send CreatePermission this often (permissions live 300 s, §9)
 * @param channelRefreshMs       re-send ChannelBind this often (channels live 600 s, §12)
 * @param connectTimeoutMs       opening the TCP connection to the server
 */
public record TurnClientConfig(int rtoMs, int maxRequests, int lastWaitFactor, int tcpTimeoutMs,
                               int requestedLifetimeSeconds, int permissionRefreshMs, int channelRefreshMs,
                               int connectTimeoutMs) {
    public TurnClientConfig {
        positive(rtoMs, "rtoMs");
        positive(maxRequests, "maxRequests");
        positive(lastWaitFactor, "lastWaitFactor");
        positive(tcpTimeoutMs, "tcpTimeoutMs");
        positive(connectTimeoutMs, "connectTimeoutMs");
        if (requestedLifetimeSeconds < 0) {
            throw new IllegalArgumentException("requestedLifetimeSeconds must be >= 0: " + requestedLifetimeSeconds);
        }
        if (permissionRefreshMs <= 0 || permissionRefreshMs >= 300_000) {
            throw new IllegalArgumentException("permissionRefreshMs must be in (0, 300000): " + permissionRefreshMs);
        }
        if (channelRefreshMs <= 0 || channelRefreshMs >= 600_000) {
            throw new IllegalArgumentException("channelRefreshMs must be in (0, 600000): " + channelRefreshMs);
        }
    }

    private static void positive(int v, String name) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + v);
        }
    }

    /** RFC values: RTO 500 ms, Rc 7, Rm 16, Ti 39.5 s, server-chosen lifetime, refresh at 4 and 8 minutes. */
    public static TurnClientConfig defaults() {
        return new TurnClientConfig(500, 7, 16, 39_500, 0, 240_000, 480_000, 10_000);
    }

    public TurnClientConfig withRetransmission(int newRtoMs, int newMaxRequests, int newLastWaitFactor) {
        return new TurnClientConfig(newRtoMs, newMaxRequests, newLastWaitFactor, tcpTimeoutMs, requestedLifetimeSeconds,
                permissionRefreshMs, channelRefreshMs, connectTimeoutMs);
    }

    public TurnClientConfig withTcpTimeoutMs(int v) {
        return new TurnClientConfig(rtoMs, maxRequests, lastWaitFactor, v, requestedLifetimeSeconds, permissionRefreshMs,
                channelRefreshMs, connectTimeoutMs);
    }

    public TurnClientConfig withRequestedLifetimeSeconds(int v) {
        return new TurnClientConfig(rtoMs, maxRequests, lastWaitFactor, tcpTimeoutMs, v, permissionRefreshMs,
                channelRefreshMs, connectTimeoutMs);
    }

    public TurnClientConfig withRefreshIntervals(int newPermissionRefreshMs, int newChannelRefreshMs) {
        return new TurnClientConfig(rtoMs, maxRequests, lastWaitFactor, tcpTimeoutMs, requestedLifetimeSeconds,
                newPermissionRefreshMs, newChannelRefreshMs, connectTimeoutMs);
    }

    /** Total time a UDP request may stay unanswered: RTO × (2^(Rc-1) − 1 + Rm), 39.5 s by default. */
    public long udpGiveUpMs() {
        return (long) rtoMs * ((1L << (maxRequests - 1)) - 1 + lastWaitFactor);
    }
}
