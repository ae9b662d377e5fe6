package dev.netcode.webrtc.sctp;

/**
 * A snapshot of one association's counters and congestion state, for diagnostics and tests. Counters
 * instead of logs on the hot path.
 */
public record SctpStats(long packetsSent, long packetsReceived, long dataChunksSent, long dataChunksRetransmitted,
        long fastRetransmits, long t3Expirations, long forwardTsnsSent, long packetsDropped, long cwndBytes,
        long ssthreshBytes, long flightBytes, long peerRwndBytes, long rtoMs, long srttMicros,
        long receiveBufferedBytes, long sendBufferedBytes) {
}
