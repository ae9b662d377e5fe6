package dev.netcode.webrtc.sctp;

/**
 * {@code send()} would push the association's queued (not yet transmitted) bytes above
 * {@link SctpConfig#maxSendBufferBytes()}. Nothing was queued. Wait for
 * {@link SctpListener#onBufferedAmountLow} and retry; browsers close the channel in this case, a
 * game usually prefers to drop or coalesce.
 */
public final class SctpSendBufferFullException extends SctpException {
    private static final long serialVersionUID = 1L;

    public SctpSendBufferFullException(long bufferedBytes, long messageBytes, long limitBytes) {
        super("send buffer full: " + bufferedBytes + " bytes queued + " + messageBytes + " > limit " + limitBytes);
    }
}
