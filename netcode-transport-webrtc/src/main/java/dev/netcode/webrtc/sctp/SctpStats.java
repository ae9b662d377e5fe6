package dev.netcode.webrtc.sctp;

/**
 * A snapshot of one association's counters and congestion state, for diagnostics and tests. Counters
 * instead of logs on the hot path.
 *
 * @param flightBytes user-data bytes sent and not yet acknowledged (or marked lost)
 * @param peerRwndBytes the peer's advertised window minus flight
 * @param receiveBufferedBytes bytes held for reassembly or ordering (bounded by the receive buffer)
 * @param sendBufferedBytes bytes queued and not yet sent once (the total {@code bufferedAmount})
 * @param outstandingChunks DATA chunks with a TSN that are not yet cumulatively acknowledged,
 *     including abandoned ones awaiting FORWARD TSN
 */
public record SctpStats(long packetsSent, long packetsReceived, long dataChunksSent, long dataChunksRetransmitted,
        long fastRetransmits, long t3Expirations, long forwardTsnsSent, long packetsDropped, long cwndBytes,
        long ssthreshBytes, long flightBytes, long peerRwndBytes, long rtoMs, long srttMicros,
        long receiveBufferedBytes, long sendBufferedBytes, int outstandingChunks) {
}
