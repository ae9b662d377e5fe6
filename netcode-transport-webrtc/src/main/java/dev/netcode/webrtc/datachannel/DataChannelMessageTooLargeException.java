package dev.netcode.webrtc.datachannel;

/**
 * {@code send()} was given a message larger than the peer accepts (its SDP
 * {@code a=max-message-size}, RFC 8841 §6; 64 KiB when the peer announced none). Nothing was
 * queued and the channel stays open. Split the message, or let both sides advertise more.
 */
public final class DataChannelMessageTooLargeException extends DataChannelException {
    private static final long serialVersionUID = 1L;
    private final long sizeBytes;
    private final long limitBytes;

    public DataChannelMessageTooLargeException(long sizeBytes, long limitBytes) {
        super(Kind.MESSAGE_TOO_LARGE, "message of " + sizeBytes
                + " bytes exceeds the peer's maximum message size (a=max-message-size) of " + limitBytes + " bytes");
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
