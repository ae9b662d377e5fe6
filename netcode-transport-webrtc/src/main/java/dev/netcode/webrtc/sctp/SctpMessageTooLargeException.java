package dev.netcode.webrtc.sctp;

/**
 * {@code send()} was given a message larger than the peer accepts (its SDP
 * {@code a=max-message-size}, RFC 8841 §6). Nothing was queued. Split the message or negotiate a
 * larger limit.
 */
public final class SctpMessageTooLargeException extends SctpException {
    private static final long serialVersionUID = 1L;
    private final long sizeBytes;
    private final long limitBytes;

    public SctpMessageTooLargeException(long sizeBytes, long limitBytes) {
        super("message of " + sizeBytes + " bytes exceeds the peer's maximum message size of " + limitBytes + " bytes");
        this.sizeBytes = sizeBytes;
        this.limitBytes = limitBytes;
    }

    public long sizeBytes() {
        return sizeBytes;
    }

    public long limitBytes() {
        return limitBytes;
    }
}
