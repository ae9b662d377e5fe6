package dev.netcode.core.transport;

import dev.netcode.core.Channel;
import java.nio.ByteBuffer;

/**
 * One message-oriented connection between two peers, carrying whole messages on the three
 * {@link Channel} kinds. This is what a transport (in memory, WebRTC DataChannels, ...) implements
 * for core.
 *
 * <h2>Delivery contract</h2>
 * <ul>
 *   <li>{@link Channel#RELIABLE_ORDERED}: exactly once, in send order, until the connection closes.
 *       {@link #close()} is orderly: reliable messages sent before it are delivered before the
 *       peer sees the close.</li>
 *   <li>{@link Channel#UNRELIABLE_SEQUENCED} and {@link Channel#UNRELIABLE}: may be dropped,
 *       duplicated or reordered, but a delivered message is byte-for-byte what was sent. (Core
 *       adds sequencing itself; a transport may map both to one unordered, maxRetransmits=0
 *       DataChannel.)</li>
 * </ul>
 *
 * <h2>Flow control</h2>
 * Every connection has a bounded send buffer. {@link #send} throws {@link BackpressureException}
 * instead of queuing beyond {@link #maxBufferedBytes()}; {@link #isWritable()} turns false at the
 * high watermark and {@link TransportHandler#onWritable} fires once it drained to the low
 * watermark (WebRTC: {@code bufferedAmount} and {@code bufferedAmountLowThreshold}).
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>{@link #send} copies the buffer's remaining bytes before it returns; the caller may reuse
 *       the buffer immediately (that is what keeps core's send path allocation-free).</li>
 *   <li>A message larger than {@link #maxMessageSizeBytes()} throws {@link MessageTooLargeException}:
 *       transports never fragment beyond that limit on behalf of the caller.</li>
 * </ul>
 */
public interface TransportConnection {
    /** A human-readable peer address, for logs. */
    String remoteAddress();

    /** The largest message {@link #send} accepts, in bytes (WebRTC: the negotiated {@code a=max-message-size}). */
    int maxMessageSizeBytes();

    /**
     * Sends the buffer's remaining bytes as one message.
     *
     * @throws MessageTooLargeException if larger than {@link #maxMessageSizeBytes()}
     * @throws BackpressureException if the send buffer would exceed {@link #maxBufferedBytes()}
     * @throws TransportClosedException if the connection is closed
     */
    void send(Channel channel, ByteBuffer message);

    /** Bytes accepted by {@link #send} but not yet handed to the network (or the peer). */
    long bufferedBytes();

    /** The hard limit of {@link #bufferedBytes()}. */
    long maxBufferedBytes();

    /** False while the send buffer is above its high watermark; senders of bulk data should wait. */
    boolean isWritable();

    boolean isOpen();

    /** Closes in order (see the delivery contract). Idempotent; the handler's onClosed fires once. */
    void close();
}
