package dev.netcode.webrtc.impairment;

/** Which way a datagram crosses a {@link UdpImpairmentRelay}. */
public enum Direction {
    /** From the client (whoever sent the relay its first datagram) to the fixed target. */
    TO_TARGET,
    /** From the target back to the client. */
    TO_CLIENT
}
