package dev.netcode.webrtc.sctp.internal;

/**
 * Retransmission timeout per RFC 6298 §2 (as RFC 9260 §6.3.1 prescribes): SRTT and RTTVAR with
 * alpha = 1/8, beta = 1/4, RTO = SRTT + 4 * RTTVAR, clamped to [min, max], doubled on each
 * timeout (back-off, §5.5) and restored by the next measurement.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Karn's rule: never feed a sample from a retransmitted chunk; the caller guarantees it.</li>
 *   <li>Delayed SACKs inflate samples by up to the peer's delayed-ACK time, so with a 200 ms
 *       delayed ACK a minimum RTO below ~400 ms would cause spurious retransmissions.</li>
 * </ul>
 */
public final class RtoEstimator {
    private final long minNanos;
    private final long maxNanos;
    private long srttNanos = -1;
    private long rttvarNanos;
    private long rtoNanos;

    public RtoEstimator(long initialNanos, long minNanos, long maxNanos) {
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
        rtoNanos = clamp(srttNanos + Math.max(4 * rttvarNanos, 1_000_000L));
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
