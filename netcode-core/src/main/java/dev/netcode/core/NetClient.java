package dev.netcode.core;

import dev.netcode.core.internal.ConnectionImpl;
import dev.netcode.core.internal.Endpoint;
import dev.netcode.core.transport.Transport;

/**
 * The player's side: one connection to a {@link NetServer} over any {@link Transport}.
 *
 * <pre>{@code
 * NetClient client = new NetClient(config, registry, transport, listener);
 * client.connect("arena");              // returns at once; connected() arrives via update()
 * // every frame on the render thread:
 * client.update();
 * client.send(input, Channel.UNRELIABLE_SEQUENCED);
 * }</pre>
 *
 * <p>A failed attempt ends in {@link NetListener#disconnected} with
 * {@link DisconnectReason#CONNECT_FAILED} or a handshake reason; call {@link #connect} again to retry.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>{@link #send} returns false until {@code connected} has fired.</li>
 *   <li>Callbacks run only inside {@link #update()} (unless network-thread delivery is opted in).</li>
 * </ul>
 */
public final class NetClient implements AutoCloseable {
    private final Endpoint endpoint;
    private volatile ConnectionImpl connection;

    public NetClient(NetConfig config, MessageRegistry registry, Transport transport, NetListener listener) {
        this.endpoint = new Endpoint(config, registry, transport, listener, false);
    }

    /** Starts connecting; the outcome is reported through the listener. */
    public Connection connect(String address) {
        ConnectionImpl previous = connection;
        if (previous != null && previous.disconnectReason() == null) {
            throw new IllegalStateException("already connecting or connected: " + previous);
        }
        if (endpoint.isClosed()) {
            throw new IllegalStateException("client is closed");
        }
        ConnectionImpl c = endpoint.newClientConnection();
        connection = c;
        endpoint.transport().connect(address, c).whenComplete((tc, error) -> {
            if (error != null) {
                endpoint.connectFailed(c, error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                        ? error.getCause() : error);
            } else {
                endpoint.transportOpened(c, tc);
            }
        });
        return c;
    }

    /** Delivers pending callbacks on the calling thread; returns how many. */
    public int update() {
        return endpoint.update();
    }

    /** The current (or last) connection, or null before the first {@link #connect}. */
    public Connection connection() {
        return connection;
    }

    public boolean isConnected() {
        ConnectionImpl c = connection;
        return c != null && c.isConnected();
    }

    /** Sends to the server; false if not connected (see {@link Connection#send}). */
    public boolean send(Object message, Channel channel) {
        ConnectionImpl c = connection;
        return c != null && c.send(message, channel);
    }

    public NetConfig config() {
        return endpoint.config();
    }

    /** Disconnects ({@link DisconnectReason#CLOSED} here, {@link DisconnectReason#PEER_CLOSED} at the server) and stops timers. */
    @Override
    public void close() {
        endpoint.close();
    }
}
