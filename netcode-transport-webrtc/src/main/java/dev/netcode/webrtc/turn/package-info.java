/**
 * TURN client (RFC 8656): relayed transport addresses on a TURN server for peers that cannot reach
 * each other directly. {@link dev.netcode.webrtc.turn.TurnClient} is the entry point;
 * {@link dev.netcode.webrtc.turn.TurnServer} parses {@code turn:} URIs and
 * {@link dev.netcode.webrtc.turn.TurnCredentials} holds static or coturn REST-API credentials.
 */
package dev.netcode.webrtc.turn;
