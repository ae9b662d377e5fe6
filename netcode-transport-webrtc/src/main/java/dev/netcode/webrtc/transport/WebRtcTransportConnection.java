package dev.netcode.webrtc.transport;

import dev.netcode.core.transport.TransportConnection;
import dev.netcode.webrtc.PeerConnection;

/**
 * A {@link TransportConnection} over one {@link PeerConnection}: what {@link WebRtcTransport} hands
 * to core. The extra accessors are for diagnostics and stats; core needs none of them.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>{@link #peerConnection()} is exposed for state and statistics: do not create data channels
 *       on it or close it behind the transport's back (use {@link #close()}).</li>
 * </ul>
 */
public interface WebRtcTransportConnection extends TransportConnection {
    /** The signaling id of the remote peer. */
    String remotePeerId();

    /** The id both sides use for this connection in signaling messages (chosen by the offerer). */
    String connectionId();

    /** The underlying peer connection (read-only use). */
    PeerConnection peerConnection();

    /** Messages received that were dropped because the connection was already closing. */
    long droppedMessages();
}
