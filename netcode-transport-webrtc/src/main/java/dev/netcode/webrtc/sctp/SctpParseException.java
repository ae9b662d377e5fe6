package dev.netcode.webrtc.sctp;

/**
 * A received SCTP packet or chunk is malformed: a length that does not fit, a field with a
 * forbidden value, a missing mandatory parameter. Thrown by the packet decoder; the association
 * drops such a packet (or aborts, when the peer is already authenticated by DTLS and therefore
 * cannot be a random corruption).
 */
public final class SctpParseException extends SctpException {
    private static final long serialVersionUID = 1L;

    public SctpParseException(String message) {
        super(message);
    }
}
