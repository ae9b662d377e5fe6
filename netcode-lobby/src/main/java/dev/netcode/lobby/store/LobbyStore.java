package dev.netcode.lobby.store;

import java.util.Collection;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Where the lobby keeps its durable state: sessions, rooms, matches and dedicated hosts.
 *
 * <p>Contract: the server calls a store only from its single lobby-logic thread, reads a value,
 * mutates it, and writes it back with {@code put*}. An implementation may hand out live objects
 * (the in-memory store does) or copies (a remote store would); callers never rely on either, so
 * they always {@code put} after changing something. Live connections are node-local and not
 * part of the store.
 *
 * <p>Several lobby nodes sharing one store route messages to users connected elsewhere through
 * {@link #publish} / {@link #onRouted} (pub/sub carries only these routed messages; all state is
 * in keys). A single-node store routes nowhere.
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

    Optional<TicketState> ticket(String ticketId);

    /** The ticket holding {@code userId}, if any. */
    Optional<TicketState> ticketOfUser(String userId);

    /** Stores the ticket and indexes each of its users. */
    void putTicket(TicketState ticket);

    /** Removes the ticket and its user index entries. */
    void removeTicket(TicketState ticket);

    /** Every ticket, in no particular order. */
    Collection<TicketState> tickets();

    /**
     * Claims or renews the role {@code role} (for example the matchmaker) for this node for
     * {@code ttlMs}; true if this node holds it. Exactly one live node holds a role at a time.
     */
    boolean tryLead(String role, long ttlMs);

    /** This node's id, unique among the nodes sharing the store. */
    String nodeId();

    /**
     * Sends {@code messageJson} to {@code userId}'s connection on node {@code targetNodeId}.
     *
     * @return false if the message cannot be routed (no such node listening)
     */
    boolean publish(String targetNodeId, String userId, String messageJson);

    /** Installs the handler for messages other nodes route to this one (user id, message JSON). */
    void onRouted(BiConsumer<String, String> handler);

    /** Announces this node alive for {@code ttlMs}; called periodically. */
    void heartbeatNode(long ttlMs);

    /** Whether node {@code nodeId} has announced itself recently (this node always is). */
    boolean isNodeAlive(String nodeId);

    @Override
    void close();
}
