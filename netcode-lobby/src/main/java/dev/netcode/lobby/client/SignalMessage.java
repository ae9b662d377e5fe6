package dev.netcode.lobby.client;

/**
 * A relayed WebRTC signaling message. {@code from} was set by the server (it cannot be forged);
 * {@code payload} is opaque to the lobby (SDP text, a candidate line or JSON, empty for bye).
 * Exactly one of {@code roomId} and {@code matchId} says which membership allowed the relay.
 * {@code kind} is {@code offer}, {@code answer}, {@code candidate}, {@code bye} or
 * {@value #KIND_DATA} (opaque, see {@link SignalListener}).
 */
public record SignalMessage(String from, String fromName, String kind, String payload, String connectionId,
                            String roomId, String matchId) {
    /** The opaque kind: the endpoints encode descriptions and candidates in the payload themselves. */
    public static final String KIND_DATA = "data";

    /** True for an opaque payload sent with {@link LobbyClient#sendSignal}. */
    public boolean isData() {
        return KIND_DATA.equals(kind);
    }
}
