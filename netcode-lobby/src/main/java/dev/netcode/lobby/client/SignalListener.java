package dev.netcode.lobby.client;

/**
 * Receives opaque signaling payloads relayed by the lobby: the receiving half of using the lobby as
 * a WebRTC signaling channel (the sending half is {@link LobbyClient#sendSignal}).
 *
 * <pre>{@code
 * lobby.setSignalListener((from, payload) -> game.onSignalFrom(from, payload));   // before queueing
 * lobby.sendSignal(match.host().userId(), myOfferAsJson);                          // to a room/match peer
 * }</pre>
 *
 * Only messages of kind {@value SignalMessage#KIND_DATA} (what {@link LobbyClient#sendSignal}
 * sends) reach this listener; typed signals ({@code offer}, {@code answer}, {@code candidate},
 * {@code bye}, as sent by browsers speaking PROTOCOL.md's typed kinds) go to
 * {@link LobbyListener#onSignal} only. Every signal, data included, also reaches
 * {@link LobbyListener#onSignal}.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>{@code from} is the sender's user id as set by the lobby server: it cannot be forged by the
 *       sender. The payload is whatever the peer sent: parse it as hostile input.</li>
 *   <li>Called on the client's I/O thread in arrival order (so trickled candidates arrive in the
 *       order they were sent); do not block in it.</li>
 *   <li>Set the listener before anyone can signal you (before queueing or joining a room): a
 *       payload that arrives while no listener is set is only seen by {@link LobbyListener}.</li>
 * </ul>
 */
@FunctionalInterface
public interface SignalListener {
    /**
     * @param from    user id of the sender (a member of your room or match), set by the server
     * @param payload the opaque payload, at most the lobby's signal payload limit (32 768 chars by default)
     */
    void onSignal(String from, String payload);
}
