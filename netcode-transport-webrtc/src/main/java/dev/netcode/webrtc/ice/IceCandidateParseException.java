package dev.netcode.webrtc.ice;

/**
 * An {@code a=candidate} value that breaks the RFC 8839 §5.1 grammar or its bounds. The message names
 * the offending field. No stack trace: remote peers control this input.
 */
public final class IceCandidateParseException extends Exception {
    private static final long serialVersionUID = 1L;

    public IceCandidateParseException(String message) {
        super(message, null, false, false);
    }
}
