/**
 * Glue between the protocol layers behind {@link dev.netcode.webrtc.PeerConnection}: shared default
 * resources and the W3C state aggregation. No compatibility promise.
 */
package dev.netcode.webrtc.internal;
