package dev.netcode.webrtc.sctp;

/**
 * The peer broke a rule of RFC 9260, RFC 3758 or RFC 6525 in a well-formed packet (for example an
 * empty DATA chunk, a message above the advertised maximum size, an INIT with a zero tag). The
 * association answers with an ABORT carrying a "Protocol Violation" cause and reports this
 * exception through {@link SctpListener#onAborted}.
 */
public final class SctpProtocolViolationException extends SctpException {
    private static final long serialVersionUID = 1L;
    /** RFC 9260 §3.3.10.13 "Protocol Violation". */
    public static final int PROTOCOL_VIOLATION = 13;
    /** RFC 9260 §3.3.10.9 "No User Data". */
    public static final int NO_USER_DATA = 9;

    private final int causeCode;

    public SctpProtocolViolationException(String message) {
        this(PROTOCOL_VIOLATION, message);
    }

    /** @param causeCode the RFC 9260 error cause code the ABORT carries */
    public SctpProtocolViolationException(int causeCode, String message) {
        super(message);
        this.causeCode = causeCode;
    }

    /** Error cause code sent in the ABORT chunk. */
    public int causeCode() {
        return causeCode;
    }
}
