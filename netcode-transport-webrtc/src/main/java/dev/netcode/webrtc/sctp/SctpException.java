package dev.netcode.webrtc.sctp;

/**
 * Base of every error the SCTP layer reports. Subclasses name the limit or rule that was hit, so a
 * caller can react to one kind (for example back off on {@link SctpSendBufferFullException})
 * without parsing messages.
 */
public class SctpException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SctpException(String message) {
        super(message);
    }

    public SctpException(String message, Throwable cause) {
        super(message, cause);
    }
}
