package dev.netcode.webrtc.sctp.internal;

/**
 * Congestion window per RFC 9260 §7.2: slow start below ssthresh, congestion avoidance above,
 * halving on fast retransmit (once per recovery episode, §7.2.4) and collapse to one MTU on a T3
 * timeout (§7.2.3). Byte counts are user-data bytes, as flight size is counted.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>cwnd grows only while the sender actually fills it (§7.2.1 "fully utilized"); an
 *       application-limited game sender would otherwise build a huge window it never tested.</li>
 * </ul>
 */
public final class CongestionControl {
    private final int mtuBytes;
    private long cwndBytes;
    private long ssthreshBytes;
    private long partialBytesAcked;
    private boolean inFastRecovery;
    private int fastRecoveryExitTsn;

    public CongestionControl(int mtuBytes, int initialCwndMtus, long peerRwndBytes) {
        this.mtuBytes = mtuBytes;
        this.cwndBytes = (long) initialCwndMtus * mtuBytes;
        this.ssthreshBytes = Math.max(peerRwndBytes, 4L * mtuBytes);
    }

    public long cwndBytes() {
        return cwndBytes;
    }

    public long ssthreshBytes() {
        return ssthreshBytes;
    }

    public boolean inFastRecovery() {
        return inFastRecovery;
    }

    /**
     * A SACK acknowledged new data (RFC 9260 §7.2.1, §7.2.2).
     *
     * <p>Slow start (cwnd ≤ ssthresh) grows cwnd by min(bytes newly acked, MTU), only when the
     * SACK advanced the cumulative ack point and the sender was using its full window. Congestion
     * avoidance adds every newly acked byte (cumulative and gap) to partial_bytes_acked and grows
     * cwnd by one MTU per cwnd's worth, again only when the window was full. Neither happens during
     * fast recovery (§7.2.4).
     *
     * @param bytesAcked newly acknowledged user-data bytes (cumulative and gap)
     * @param flightBeforeBytes flight size before this SACK was processed
     * @param cumTsnAck the SACK's cumulative TSN ack
     * @param cumulativeAdvanced whether the cumulative ack point moved
     * @param allAcked whether nothing is outstanding any more
     */
    public void onSack(long bytesAcked, long flightBeforeBytes, int cumTsnAck, boolean cumulativeAdvanced,
            boolean allAcked) {
        if (inFastRecovery && cumulativeAdvanced && Serial.ge(cumTsnAck, fastRecoveryExitTsn)) {
            inFastRecovery = false;
        }
        if (inFastRecovery || bytesAcked == 0) {
            return; // §7.2.4: no cwnd growth during fast recovery
        }
        boolean fullyUtilized = flightBeforeBytes + mtuBytes >= cwndBytes;
        if (cwndBytes <= ssthreshBytes) {
            if (fullyUtilized && cumulativeAdvanced) {
                cwndBytes += Math.min(bytesAcked, mtuBytes);
            }
        } else {
            partialBytesAcked += bytesAcked;
            if (partialBytesAcked >= cwndBytes && fullyUtilized) {
                partialBytesAcked -= cwndBytes;
                cwndBytes += mtuBytes;
            }
        }
        if (allAcked) {
            partialBytesAcked = 0; // §7.2.2: reset when all outstanding data is acknowledged
        }
    }

    /**
     * Loss detected by three miss indications.
     *
     * @param highestOutstandingTsn recovery ends when this TSN is cumulatively acknowledged
     * @return true when this starts a new recovery episode (cwnd was reduced)
     */
    public boolean onFastRetransmit(int highestOutstandingTsn) {
        if (inFastRecovery) {
            return false;
        }
        ssthreshBytes = Math.max(cwndBytes / 2, 4L * mtuBytes);
        cwndBytes = ssthreshBytes;
        partialBytesAcked = 0;
        inFastRecovery = true;
        fastRecoveryExitTsn = highestOutstandingTsn;
        return true;
    }

    /** T3-rtx expired (§7.2.3). */
    public void onRetransmissionTimeout() {
        ssthreshBytes = Math.max(cwndBytes / 2, 4L * mtuBytes);
        cwndBytes = mtuBytes;
        partialBytesAcked = 0;
        inFastRecovery = false;
    }

    /** Nothing sent for an RTO (§7.2.1): decay the window that was never probed recently. */
    public void onIdle() {
        cwndBytes = Math.max(cwndBytes / 2, 4L * mtuBytes);
    }
}
