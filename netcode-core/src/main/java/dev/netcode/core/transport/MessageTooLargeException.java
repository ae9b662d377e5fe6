package dev.netcode.core.transport;

/**
 * A message exceeds the connection's {@link TransportConnection#maxMessageSizeBytes()}. Nothing
 * was sent; the connection stays usable.
 */
public final class MessageTooLargeException extends TransportException {
    private final int sizeBytes;
    private final int maxSizeBytes;

    public MessageTooLargeException(int sizeBytes, int maxSizeBytes) {
        super("message of " + sizeBytes + " bytes exceeds the maximum of " + maxSizeBytes + " bytes");
        this.sizeBytes = sizeBytes;
        this.maxSizeBytes = maxSizeBytes;
    }

    public int sizeBytes() {
        return sizeBytes;
    }

    public int maxSizeBytes() {
        return maxSizeBytes;
    }
}
