package dev.netcode.core;

/**
 * What a game hears from a {@link NetServer} or {@link NetClient}. Every method has an empty
 * default, so implement only what you need.
 *
 * <h2>Threading</h2>
 * By default every callback runs on the thread that calls {@code update()} (the libGDX render
 * thread), never on a network thread, so game state needs no locks. With
 * {@link NetConfig.Builder#deliverOnNetworkThread(boolean)} they run directly on network threads
 * instead (lower latency, your responsibility to synchronize).
 *
 * <h2>Order</h2>
 * For one connection: {@code connected}, then its messages in arrival order, then exactly one
 * {@code disconnected}. A connection whose handshake fails gets only {@code disconnected}
 * ({@link Connection#wasConnected()} is then false) so that both sides can report, for example,
 * {@link DisconnectReason#REGISTRATION_MISMATCH}.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Messages are fresh objects owned by you; keep or pool them as you like.</li>
 *   <li>A listener that throws does not break the connection; the exception is logged.</li>
 * </ul>
 */
public interface NetListener {
    /** The handshake completed; messages may now be sent. */
    default void connected(Connection connection) {}

    /** A message arrived on {@code channel}. */
    default void received(Connection connection, Object message, Channel channel) {}

    /** The connection ended (or never completed its handshake) for {@code reason}. */
    default void disconnected(Connection connection, DisconnectReason reason) {}
}
