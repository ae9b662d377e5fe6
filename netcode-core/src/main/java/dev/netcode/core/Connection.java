package dev.netcode.core;

import dev.netcode.core.transport.BackpressureException;
import dev.netcode.core.transport.MessageTooLargeException;

/**
 * One peer: on a server, a client; on a client, the server. Handed to every {@link NetListener}
 * callback. Thread-safe: send from the game thread or any other.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>{@link #send} on {@link Channel#RELIABLE_ORDERED} throws {@link BackpressureException} when
 *       the send buffer is full (the link is slower than you send): nothing is ever queued without
 *       bound. Check {@link #isWritable()} before bulk sends. Unreliable sends are simply dropped
 *       (and counted) instead.</li>
 *   <li>A connection object stays valid after it is closed (for its id, reason and stats), but
 *       sends return false.</li>
 * </ul>
 */
public interface Connection {
    /** Endpoint-unique id, stable for the life of the connection (handy as a map key or player id). */
    int id();

    /**
     * Serializes and sends a registered message.
     *
     * @return true if handed to the transport; false if the connection is not connected (any
     *     longer) or an unreliable message was dropped because the send buffer is full
     * @throws MessageTooLargeException if the serialized message exceeds the transport's limit
     * @throws BackpressureException on a reliable channel whose send buffer is full
     * @throws IllegalArgumentException if the message's class is not registered
     */
    boolean send(Object message, Channel channel);

    /** Bytes the transport has not sent yet. */
    long bufferedBytes();

    /** False while the transport's send buffer is above its high watermark. */
    boolean isWritable();

    /** Whether the handshake completed and the connection has not ended. */
    boolean isConnected();

    /** Whether the handshake ever completed (true also after a later disconnect). */
    boolean wasConnected();

    /** Closes with {@link DisconnectReason#CLOSED} here and {@link DisconnectReason#PEER_CLOSED} at the peer. */
    void close();

    /** Disconnects the peer with {@link DisconnectReason#KICKED} on both sides; {@code why} is sent as the detail. */
    void kick(String why);

    /** Why the connection ended, or null while it is open. */
    DisconnectReason disconnectReason();

    /** Human-readable detail of the disconnect (may be empty), or null while it is open. */
    String disconnectDetail();

    ConnectionStats stats();

    String remoteAddress();

    /** Free slot for the game (for example its player object). */
    Object attachment();

    void attach(Object attachment);
}
