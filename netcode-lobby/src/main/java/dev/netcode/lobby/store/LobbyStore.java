package dev.netcode.lobby.store;

import java.util.Collection;
import java.util.Optional;

/**
 * Where the lobby keeps its durable state: sessions, rooms, matches and dedicated hosts.
 *
 * <p>Contract: the server calls a store only from its single lobby-logic thread, reads a value,
 * mutates it, and writes it back with {@code put*}. An implementation may hand out live objects
 * (the in-memory store does) or copies (a remote store would); callers never rely on either, so
 * they always {@code put} after changing something. Matchmaking tickets and live connections
 * are node-local and not part of the store.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>A remote implementation blocks the logic thread for a round trip per call; that is the
 *       price of sharing state between nodes, never the Netty event loops.</li>
 * </ul>
 */
public interface LobbyStore extends AutoCloseable {
    Optional<SessionState> session(String userId);

    void putSession(SessionState session);

    void removeSession(String userId);

    Collection<SessionState> sessions();

    Optional<RoomState> room(String roomId);

    Optional<RoomState> roomByJoinCode(String joinCode);

    void putRoom(RoomState room);

    void removeRoom(String roomId);

    Collection<RoomState> rooms();

    int roomCount();

    Optional<MatchState> match(String matchId);

    void putMatch(MatchState match);

    void removeMatch(String matchId);

    Collection<MatchState> matches();

    Optional<HostState> host(String hostId);

    void putHost(HostState host);

    void removeHost(String hostId);

    Collection<HostState> hosts();

    @Override
    void close();
}
