package dev.netcode.webrtc.datachannel;

/**
 * W3C {@code RTCDataChannelState}. A channel only moves forward:
 * {@code CONNECTING → OPEN → CLOSING → CLOSED} (any state may jump to {@code CLOSED}).
 */
public enum DataChannelState {
    /** Announced with DATA_CHANNEL_OPEN and waiting for the ACK, or waiting for the association. */
    CONNECTING,
    /** Messages flow both ways. */
    OPEN,
    /** {@code close()} was called: the SCTP stream reset (RFC 6525) is in progress. */
    CLOSING,
    /** Both directions of the stream are reset (or the association ended); terminal. */
    CLOSED
}
