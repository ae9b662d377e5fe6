package dev.netcode.lobby.client;

/**
 * A relayed WebRTC signaling message. {@code from} was set by the server (it cannot be forged);
 * {@code payload} is opaque to the lobby (SDP text, a candidate line or JSON, empty for bye).
 * Exactly one of {@code roomId} and {@code matchId} says which membership allowed the relay.
 */
public record SignalMessage(String from, String fromName, String kind, String payload, String connectionId,
                            String roomId, String matchId) {}
