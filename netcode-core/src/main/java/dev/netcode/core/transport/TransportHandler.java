package dev.netcode.core.transport;

import dev.netcode.core.Channel;
import java.nio.ByteBuffer;

/**
 * Receives what happens on one {@link TransportConnection}. Implemented by core; a transport calls it.
 *
 * <h2>Threading contract (transports must honour it)</h2>
 * <ul>
 *   <li>{@link #onMessage} and {@link #onClosed} for one connection are never called concurrently,
 *       and messages of {@link Channel#RELIABLE_ORDERED} are delivered in send order.</li>
 *   <li>{@link #onClosed} is called exactly once per connection, after the last {@code onMessage},
 *       whether this side or the peer closed it.</li>
 *   <li>{@link #onWritable} may be called from any transport thread.</li>
 *   <li>Callbacks run on transport threads (for WebRTC: a Netty event loop): never block in them.</li>
 * </ul>
 */
public interface TransportHandler {
    /**
     * One whole message. The buffer (position..limit) is valid only during the call: copy what you
     * keep. Its content is whatever the remote peer sent: treat it as hostile.
     */
    void onMessage(TransportConnection connection, Channel channel, ByteBuffer message);

    /** The send buffer drained below the low watermark after having been full or above the high watermark. */
    default void onWritable(TransportConnection connection) {}

    /**
     * The connection is closed. {@code cause} is null for an orderly close by either side, or the
     * failure that ended it.
     */
    void onClosed(TransportConnection connection, Throwable cause);
}
