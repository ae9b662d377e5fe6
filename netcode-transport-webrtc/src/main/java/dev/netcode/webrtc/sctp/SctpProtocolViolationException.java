package dev.netcode.webrtc.sctp;

/**
 * The peer broke a rule of RFC 9260, RFC 3758 or RFC 6525 in a well-formed packet (for example an
 * empty DATA chunk, a message above the advertised maximum size, an INIT with a zero tag). The
 * association answers with an ABORT carrying a "Protocol Violation" cause and reports this
 * exception through {@link SctpListener#onAborted}.
 */
public final class SctpProtocolViolationException extends SctpException {
    private static final long serialVersionUID = 1L;

    public SctpProtocolViolationException(String message) {
        super(message);
    }
}
