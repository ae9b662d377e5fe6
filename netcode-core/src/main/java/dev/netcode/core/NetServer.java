package dev.netcode.core;

import dev.netcode.core.internal.ConnectionImpl;
import dev.netcode.core.internal.Endpoint;
import dev.netcode.core.transport.Transport;
import dev.netcode.core.transport.TransportServer;
import java.util.List;

/**
 * The authoritative side of a game: accepts {@link NetClient}s over any {@link Transport}.
 *
 * <pre>{@code
 * NetServer server = new NetServer(config, registry, transport, new NetListener() {
 *     public void connected(Connection c) { c.attach(world.spawnPlayer(c.id())); }
 *     public void received(Connection c, Object m, Channel ch) { if (m instanceof Input in) ((Player) c.attachment()).apply(in); }
 *     public void disconnected(Connection c, DisconnectReason r) { world.remove(c.attachment()); }
 * });
 * server.bind("arena");
 * // every tick on the game thread:
 * server.update();                      // runs the callbacks above, here
 * server.sendToAll(snapshot, Channel.UNRELIABLE_SEQUENCED);
 * }</pre>
 *
 * <h2>Handshake</h2>
 * A client sends HELLO (protocol version, application id, registration hash); the server answers
 * WELCOME or a GOODBYE with the reason ({@link DisconnectReason#VERSION_MISMATCH},
 * {@link DisconnectReason#APPLICATION_MISMATCH}, {@link DisconnectReason#SERVER_FULL}). On a
 * registration hash mismatch both send their full registration list and both report
 * {@link DisconnectReason#REGISTRATION_MISMATCH} naming the first difference. Wire format:
 * {@code dev.netcode.core.internal.Wire}.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Nothing reaches the listener until you call {@link #update()} (unless
 *       {@link NetConfig.Builder#deliverOnNetworkThread} is on); call it every frame.</li>
 *   <li>{@link #close()} does not close the transport: you may share one transport between
 *       endpoints. Close it yourself when done.</li>
 * </ul>
 */
public final class NetServer implements AutoCloseable {
    private final Endpoint endpoint;
    private volatile TransportServer server;

    public NetServer(NetConfig config, MessageRegistry registry, Transport transport, NetListener listener) {
        this.endpoint = new Endpoint(config, registry, transport, listener, true);
    }

    /** Starts accepting at {@code address} (transport-specific; a name for the in-memory transport). */
    public void bind(String address) {
        if (server != null) {
            throw new IllegalStateException("already bound to " + server.address());
        }
        server = endpoint.transport().listen(address, tc -> {
            if (endpoint.isClosed()) {
                return null;
            }
            ConnectionImpl c = endpoint.newServerConnection(tc);
            return c;
        });
    }

    /** Delivers pending callbacks on the calling thread; returns how many. */
    public int update() {
        return endpoint.update();
    }

    /** Clients whose handshake completed and that are still connected. */
    public List<Connection> connections() {
        return endpoint.connections();
    }

    /** Sends to every connected client; returns how many accepted it (see {@link Connection#send}). */
    public int sendToAll(Object message, Channel channel) {
        int sent = 0;
        for (Connection c : endpoint.connections()) {
            if (c.send(message, channel)) {
                sent++;
            }
        }
        return sent;
    }

    public NetConfig config() {
        return endpoint.config();
    }

    /** Stops accepting and closes every connection ({@link DisconnectReason#PEER_CLOSED} at the clients). */
    @Override
    public void close() {
        TransportServer s = server;
        if (s != null) {
            s.close();
        }
        endpoint.close();
    }
}
