package dev.netcode.webrtc.sctp.internal;

/**
 * Retransmission timeout per RFC 6298 §2 (as RFC 9260 §6.3.1 prescribes): SRTT and RTTVAR with
 * alpha = 1/8, beta = 1/4, RTO = SRTT + 4 * RTTVAR, clamped to [min, max], doubled on each
 * timeout (back-off, §5.5) and restored by the next measurement.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Karn's rule: never feed a sample from a retransmitted chunk; the caller guarantees it.</li>
 *   <li>Delayed SACKs: a lone packet is acknowledged only after the peer's delayed-ACK time
 *       (200 ms in browsers), which a smoothed RTT dominated by immediate SACKs does not show. The
 *       variance term is therefore floored at {@code minVarianceNanos} (delayed ACK plus a margin):
 *       RTO = SRTT + max(4 * RTTVAR, minVariance). This keeps a low RTO minimum safe on loopback
 *       without spurious timeouts for isolated messages, like dcSCTP's minimum RTT variance.</li>
 * </ul>
 */
public final class RtoEstimator {
    private final long minNanos;
    private final long maxNanos;
    private final long minVarianceNanos;
    private long srttNanos = -1;
    private long rttvarNanos;
    private long rtoNanos;

    public RtoEstimator(long initialNanos, long minNanos, long maxNanos) {
        this(initialNanos, minNanos, maxNanos, 1_000_000L);
    }

    /** @param minVarianceNanos floor of the 4 * RTTVAR term (cover the peer's delayed ACK) */
    public RtoEstimator(long initialNanos, long minNanos, long maxNanos, long minVarianceNanos) {
        this.minVarianceNanos = minVarianceNanos;
        this.minNanos = minNanos;
        this.maxNanos = maxNanos;
        this.rtoNanos = initialNanos;
    }

    /** Feeds one round-trip measurement. */
    public void onRttSample(long rttNanos) {
        if (rttNanos < 0) {
            return;
        }
        if (srttNanos < 0) {
            srttNanos = rttNanos;
            rttvarNanos = rttNanos / 2;
        } else {
            rttvarNanos = (3 * rttvarNanos + Math.abs(srttNanos - rttNanos)) / 4;
            srttNanos = (7 * srttNanos + rttNanos) / 8;
        }
        rtoNanos = clamp(srttNanos + Math.max(4 * rttvarNanos, minVarianceNanos));
    }

    /** Timer expiry: double the RTO (up to max). */
    public void backOff() {
        rtoNanos = clamp(rtoNanos * 2);
    }

    public long rtoNanos() {
        return rtoNanos;
    }

    /** Smoothed RTT, or -1 before the first sample. */
    public long srttNanos() {
        return srttNanos;
    }

    private long clamp(long v) {
        return Math.max(minNanos, Math.min(maxNanos, v));
    }
}
