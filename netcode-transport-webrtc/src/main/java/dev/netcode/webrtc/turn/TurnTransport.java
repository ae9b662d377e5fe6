package dev.netcode.webrtc.turn;

/** How the client reaches the TURN server (RFC 7065 {@code ?transport=}). The relay itself is always UDP. */
public enum TurnTransport {
    UDP,
    /** RFC 8656 §3.1: STUN and ChannelData framed back to back on one TCP connection. */
    TCP
}
