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
     * A SACK advanced the cumulative ack point.
     *
     * @param bytesAcked newly acknowledged user-data bytes (cumulative and gap)
     * @param flightBeforeBytes flight size before this SACK was processed
     * @param cumTsnAck the SACK's cumulative TSN ack
     */
    public void onCumulativeAckAdvanced(long bytesAcked, long flightBeforeBytes, int cumTsnAck) {
        if (inFastRecovery && Serial.ge(cumTsnAck, fastRecoveryExitTsn)) {
            inFastRecovery = false;
        }
        if (inFastRecovery) {
            return; // §7.2.4: no cwnd growth during fast recovery
        }
        boolean fullyUtilized = flightBeforeBytes + mtuBytes >= cwndBytes;
        if (cwndBytes <= ssthreshBytes) {
            if (fullyUtilized) {
                cwndBytes += Math.min(bytesAcked, mtuBytes);
            }
        } else {
            partialBytesAcked += bytesAcked;
            if (partialBytesAcked >= cwndBytes && fullyUtilized) {
                partialBytesAcked -= cwndBytes;
                cwndBytes += mtuBytes;
            }
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
