package dev.netcode.webrtc.sctp;

/**
 * The operation is not possible in the association's current state (sending after SHUTDOWN or
 * ABORT, sending on a stream whose reset is in progress, connecting twice).
 */
public final class SctpInvalidStateException extends SctpException {
    private static final long serialVersionUID = 1L;

    public SctpInvalidStateException(String message) {
        super(message);
    }
}
