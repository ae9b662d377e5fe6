package dev.netcode.lobby.client;

/**
 * Events pushed by the lobby. Every method has an empty default; override what you need.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Called on the client's single I/O thread, in arrival order. Do not block; a game hands
 *       events to its render/update thread (for libGDX, {@code Gdx.app.postRunnable}).</li>
 * </ul>
 */
public interface LobbyListener {
    /** The room you are in changed (members, ready flags, properties, host). */
    default void onRoomUpdated(RoomInfo room) {}

    /** You were removed from a room by its host. */
    default void onKicked(String roomId, String byUserId) {}

    default void onSignal(SignalMessage signal) {}

    default void onMatchFound(MatchInfo match) {}

    /** Your party's ticket was cancelled by another member ({@code reason}: left, disconnected, ...). */
    default void onQueueLeft(String reason, String byUserId) {}

    /** Dedicated hosts only: a match was placed on this host. */
    default void onSeatReservation(SeatReservation reservation) {}

    /** An error not tied to a request (for example {@code rate_limited}). */
    default void onError(String code, String message) {}

    /**
     * The connection dropped. If {@code willReconnect}, the client is already retrying with its
     * token and will call {@link #onReconnected}.
     */
    default void onDisconnected(int closeCode, String reason, boolean willReconnect) {}

    /** Reconnected and the session resumed; {@code room} is the room you are still in, or null. */
    default void onReconnected(RoomInfo room) {}

    /**
     * Dedicated hosts only: the client registered the host again by itself (after a reconnect, or
     * because the lobby had dropped it after its heartbeat timeout). If the lobby had dropped it,
     * {@code registration} carries a new host id and join key: from now on the lobby signs join
     * tokens for this host with that key, so verify with {@code registration.verifier(clock)}.
     */
    default void onHostRegistered(HostRegistration registration) {}
}
