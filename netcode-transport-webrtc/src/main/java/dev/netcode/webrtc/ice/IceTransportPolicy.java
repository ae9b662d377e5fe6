package dev.netcode.webrtc.ice;

/** Which local candidates an agent may use (W3C {@code RTCIceTransportPolicy}). */
public enum IceTransportPolicy {
    /** Host, server-reflexive, peer-reflexive and relay candidates. */
    ALL,
    /** Only relay candidates from the configured TURN servers: hides this host's addresses from the peer. */
    RELAY
}
