/**
 * Implementation of the WebRTC transport: the per-connection state machine
 * ({@link dev.netcode.webrtc.transport.internal.WebRtcConnection}), the signaling message format
 * ({@link dev.netcode.webrtc.transport.internal.Signal}) and its strict flat-JSON codec. Not API.
 */
package dev.netcode.webrtc.transport.internal;
