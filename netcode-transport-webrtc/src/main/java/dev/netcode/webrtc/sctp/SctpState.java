package dev.netcode.webrtc.sctp;

/** Association states of RFC 9260 §4, as seen by the user of {@link SctpAssociation}. */
public enum SctpState {
    /** No association yet: waiting for {@code connect()} or for the peer's INIT. */
    CLOSED,
    /** INIT sent, waiting for INIT ACK. */
    COOKIE_WAIT,
    /** COOKIE ECHO sent, waiting for COOKIE ACK. */
    COOKIE_ECHOED,
    /** Data flows in both directions. */
    ESTABLISHED,
    /** Local shutdown requested: queued data is still being delivered. */
    SHUTDOWN_PENDING,
    /** SHUTDOWN sent, waiting for SHUTDOWN ACK. */
    SHUTDOWN_SENT,
    /** The peer sent SHUTDOWN; our queued data is still being delivered. */
    SHUTDOWN_RECEIVED,
    /** SHUTDOWN ACK sent, waiting for SHUTDOWN COMPLETE. */
    SHUTDOWN_ACK_SENT,
    /** Gracefully shut down (terminal). */
    SHUT_DOWN,
    /** Aborted by either side or failed (terminal). */
    ABORTED;

    /** True for the two terminal states. */
    public boolean isTerminal() {
        return this == SHUT_DOWN || this == ABORTED;
    }
}
