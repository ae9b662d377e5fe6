package dev.netcode.webrtc.transport;

import dev.netcode.core.transport.TransportServer;
import java.net.InetSocketAddress;

/** A listening {@link WebRtcTransport}: its signaling address and, in single-port mode, its UDP port. */
public interface WebRtcTransportServer extends TransportServer {
    /**
     * The UDP address every client of this listener reaches (single-port mode), or null when each
     * connection binds its own sockets. Publish it (e.g. to a host registry) when you need to.
     */
    InetSocketAddress udpAddress();

    /** Connections this listener accepted that are still open, plus handshakes in progress. */
    int connectionCount();
}
