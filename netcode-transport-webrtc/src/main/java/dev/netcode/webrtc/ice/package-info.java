/**
 * ICE (RFC 8445, trickle RFC 8838, consent RFC 7675) for WebRTC data channels.
 *
 * <ul>
 *   <li>{@link dev.netcode.webrtc.ice.IceCandidate}: the {@code a=candidate} grammar (RFC 8839).</li>
 *   <li>{@link dev.netcode.webrtc.ice.IceAgent}: a full or lite agent on Netty UDP; it is also the
 *       {@link dev.netcode.webrtc.ice.IceDatagramTransport} that DTLS runs on.</li>
 *   <li>{@link dev.netcode.webrtc.ice.IceUdpMux}: one UDP port serving many lite agents (a dedicated
 *       game host).</li>
 *   <li>{@link dev.netcode.webrtc.ice.IceConfig}: every timer and limit, validated.</li>
 * </ul>
 */
package dev.netcode.webrtc.ice;
