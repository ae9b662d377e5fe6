package dev.netcode.core;

/**
 * Live network figures of one {@link Connection}; cheap to read every frame for an overlay.
 *
 * <p>RTT comes from keep-alive ping/pong ({@link NetConfig#keepAliveIntervalMs()}), smoothed like
 * TCP's SRTT (gain 1/8); jitter is the smoothed mean deviation of RTT samples (gain 1/4). Loss is
 * measured on the keep-alive probes over the last 64 of them, per direction: {@code lossIn} from
 * gaps in the peer's probe sequence, {@code lossOut} as the peer reports it back. Rates are
 * averaged over the last whole second.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>RTT is 0 until the first pong arrives (about one keep-alive interval after connecting).</li>
 *   <li>Loss is a sample of 64 probes: at 3 % loss expect it to read anywhere from 0 to about 8 %.</li>
 *   <li>Byte counts are transport payload bytes (core header included), not IP/UDP/DTLS/SCTP overhead.</li>
 * </ul>
 */
public interface ConnectionStats {
    /** Smoothed round-trip time in milliseconds. */
    double smoothedRttMs();

    /** Smoothed mean deviation of the round-trip time in milliseconds. */
    double rttJitterMs();

    /** Percentage of the peer's probes that did not arrive here. */
    double lossInPercent();

    /** Percentage of this side's probes that did not arrive at the peer (as the peer reports). */
    double lossOutPercent();

    double bytesInPerSecond();

    double bytesOutPerSecond();

    double messagesInPerSecond();

    double messagesOutPerSecond();

    long bytesIn();

    long bytesOut();

    /** Application messages received (control traffic excluded). */
    long messagesIn();

    /** Application messages sent (control traffic excluded). */
    long messagesOut();

    /** Unreliable messages not sent because the send buffer was full. */
    long messagesDroppedOnSend();

    /** {@link Channel#UNRELIABLE_SEQUENCED} messages discarded because a newer one had arrived. */
    long staleMessagesDropped();
}
