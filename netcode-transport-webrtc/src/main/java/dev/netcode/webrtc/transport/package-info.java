/**
 * Core's {@link dev.netcode.core.transport.Transport} over WebRTC data channels.
 *
 * <h2>User guide</h2>
 * <ol>
 *   <li>Pick a {@link dev.netcode.webrtc.transport.WebRtcSignaling}: {@link
 *       dev.netcode.webrtc.transport.LoopbackSignaling} in one process, or adapt your lobby client
 *       (three methods: own id, send a string to a peer id, receive strings with the sender's id).</li>
 *   <li>Build a {@link dev.netcode.webrtc.transport.WebRtcTransportConfig} (ICE addresses, single
 *       UDP port for a host, limits) and create one {@link dev.netcode.webrtc.transport.WebRtcTransport}
 *       per signaling endpoint.</li>
 *   <li>Give it to core: {@code new NetServer(..., transport, ...).bind(signalingId)} on the host,
 *       {@code new NetClient(..., transport, ...).connect(hostSignalingId)} on a player.</li>
 * </ol>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>The listen address is the host's own signaling id; clients connect to that id.</li>
 *   <li>On a machine without a routable interface (CI containers) pin
 *       {@code hostAddresses(127.0.0.1)} in the peer-connection settings of both sides.</li>
 *   <li>Handlers run on Netty event loops: never block in them.</li>
 * </ul>
 */
package dev.netcode.webrtc.transport;
