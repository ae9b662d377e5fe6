package dev.netcode.lobby.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The default {@link LobbyStore}: hash maps in this JVM. Returns live objects; one lobby node only.
 * Maps are concurrent so diagnostics (counts) may read them from other threads.
 */
public final class InMemoryLobbyStore implements LobbyStore {
    private final Map<String, SessionState> sessions = new ConcurrentHashMap<>();
    private final Map<String, RoomState> rooms = new ConcurrentHashMap<>();
    private final Map<String, String> roomIdByCode = new HashMap<>();
    private final Map<String, MatchState> matches = new ConcurrentHashMap<>();
    private final Map<String, HostState> hosts = new LinkedHashMap<>();
    private final Map<String, TicketState> tickets = new LinkedHashMap<>();
    private final Map<String, String> ticketIdByUser = new HashMap<>();

    @Override
    public Optional<SessionState> session(String userId) {
        return Optional.ofNullable(sessions.get(userId));
    }

    @Override
    public void putSession(SessionState session) {
        sessions.put(session.userId, session);
    }

    @Override
    public void removeSession(String userId) {
        sessions.remove(userId);
    }

    @Override
    public Collection<SessionState> sessions() {
        return new ArrayList<>(sessions.values());
    }

    @Override
    public Optional<RoomState> room(String roomId) {
        return Optional.ofNullable(rooms.get(roomId));
    }

    @Override
    public Optional<RoomState> roomByJoinCode(String joinCode) {
        String id = roomIdByCode.get(joinCode);
        return id == null ? Optional.empty() : room(id);
    }

    @Override
    public void putRoom(RoomState room) {
        RoomState previous = rooms.put(room.roomId, room);
        if (previous != null && previous.joinCode != null && !previous.joinCode.equals(room.joinCode)) {
            roomIdByCode.remove(previous.joinCode);
        }
        if (room.joinCode != null) {
            roomIdByCode.put(room.joinCode, room.roomId);
        }
    }

    @Override
    public void removeRoom(String roomId) {
        RoomState removed = rooms.remove(roomId);
        if (removed != null && removed.joinCode != null) {
            roomIdByCode.remove(removed.joinCode);
        }
    }

    @Override
    public Collection<RoomState> rooms() {
        return new ArrayList<>(rooms.values());
    }

    @Override
    public int roomCount() {
        return rooms.size();
    }

    @Override
    public Optional<MatchState> match(String matchId) {
        return Optional.ofNullable(matches.get(matchId));
    }

    @Override
    public void putMatch(MatchState match) {
        matches.put(match.matchId, match);
    }

    @Override
    public void removeMatch(String matchId) {
        matches.remove(matchId);
    }

    @Override
    public Collection<MatchState> matches() {
        return new ArrayList<>(matches.values());
    }

    @Override
    public Optional<HostState> host(String hostId) {
        return Optional.ofNullable(hosts.get(hostId));
    }

    @Override
    public void putHost(HostState host) {
        hosts.put(host.hostId, host);
    }

    @Override
    public void removeHost(String hostId) {
        hosts.remove(hostId);
    }

    @Override
    public Collection<HostState> hosts() {
        return new ArrayList<>(hosts.values());
    }

    @Override
    public Optional<TicketState> ticket(String ticketId) {
        return Optional.ofNullable(tickets.get(ticketId));
    }

    @Override
    public Optional<TicketState> ticketOfUser(String userId) {
        String id = ticketIdByUser.get(userId);
        return id == null ? Optional.empty() : ticket(id);
    }

    @Override
    public void putTicket(TicketState ticket) {
        tickets.put(ticket.ticketId, ticket);
        for (String userId : ticket.userIds) {
            ticketIdByUser.put(userId, ticket.ticketId);
        }
    }

    @Override
    public void removeTicket(TicketState ticket) {
        tickets.remove(ticket.ticketId);
        for (String userId : ticket.userIds) {
            ticketIdByUser.remove(userId, ticket.ticketId);
        }
    }

    @Override
    public Collection<TicketState> tickets() {
        return new ArrayList<>(tickets.values());
    }

    @Override
    public boolean tryLead(String role, long ttlMs) {
        return true; // the only node
    }

    @Override
    public String nodeId() {
        return "local";
    }

    @Override
    public boolean publish(String targetNodeId, String userId, String messageJson) {
        return false; // a single node: nobody else to route to
    }

    @Override
    public void onRouted(BiConsumer<String, String> handler) {
        // Nothing is ever routed to a single node.
    }

    @Override
    public void heartbeatNode(long ttlMs) {
        // Always alive.
    }

    @Override
    public boolean isNodeAlive(String nodeId) {
        return nodeId().equals(nodeId);
    }

    @Override
    public void close() {
        // Nothing to release.
    }
}
