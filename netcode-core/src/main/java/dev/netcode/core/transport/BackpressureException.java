package dev.netcode.core.transport;

/**
 * The connection's send buffer cannot take the message without exceeding
 * {@link TransportConnection#maxBufferedBytes()}: the sender outran the link. Nothing was sent;
 * wait for {@link TransportHandler#onWritable} (or poll {@link TransportConnection#isWritable()})
 * and send again.
 */
public final class BackpressureException extends TransportException {
    private final long bufferedBytes;
    private final long maxBufferedBytes;

    public BackpressureException(long bufferedBytes, long maxBufferedBytes) {
        super("send buffer full: " + bufferedBytes + " of " + maxBufferedBytes + " bytes buffered");
        this.bufferedBytes = bufferedBytes;
        this.maxBufferedBytes = maxBufferedBytes;
    }

    public long bufferedBytes() {
        return bufferedBytes;
    }

    public long maxBufferedBytes() {
        return maxBufferedBytes;
    }
}
