package dev.netcode.lobby.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netcode.lobby.LobbyConfig;
import dev.netcode.lobby.store.LobbyStore;
import dev.netcode.lobby.store.MemberState;
import dev.netcode.lobby.store.RoomState;
import dev.netcode.lobby.store.SessionState;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Rooms: create, list, join, leave, ready, properties, kick, host designation and migration.
 * Runs on the lobby-logic thread only.
 *
 * <p>Host migration: when the host leaves (or its session expires), the member who joined earliest
 * and is connected becomes host; if none is connected, the earliest member. The last member
 * leaving deletes the room.
 */
public final class RoomService {
    private static final char[] CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ".toCharArray();
    private static final int CODE_LENGTH = 6;

    private final LobbyConfig config;
    private final LobbyStore store;
    private final Connections connections;
    private final SecureRandom random = new SecureRandom();
    /** Called when a room's membership changes, so the matchmaker can drop a party ticket. */
    private final Consumer<RoomState> membershipChanged;

    public RoomService(LobbyConfig config, Connections connections, Consumer<RoomState> membershipChanged) {
        this.config = config;
        this.store = config.store;
        this.connections = connections;
        this.membershipChanged = membershipChanged;
    }

    public ObjectNode create(SessionState session, JsonNode msg) throws ProtocolException {
        if (session.roomId != null) {
            throw new ProtocolException(ErrorCode.ALREADY_IN_ROOM, "leave room " + session.roomId + " first");
        }
        String name = Json.optionalText(msg, "name", 64);
        boolean isPublic = Json.bool(msg, "public", true);
        int maxPlayers = Json.integer(msg, "maxPlayers", Math.min(8, config.maxRoomPlayers), 1, config.maxRoomPlayers);
        Map<String, String> properties = Json.stringMap(msg, "properties", config.maxRoomProperties,
                config.maxPropertyKeyChars, config.maxPropertyValueChars, false);
        if (store.roomCount() >= config.maxRooms) {
            throw new ProtocolException(ErrorCode.ROOM_LIMIT, "the lobby holds its maximum of " + config.maxRooms + " rooms");
        }
        long now = config.clock.millis();
        RoomState room = new RoomState();
        room.roomId = "r-" + randomHex(8);
        room.name = name == null ? session.displayName + "'s room" : name;
        room.isPublic = isPublic;
        room.joinCode = newJoinCode();
        room.maxPlayers = maxPlayers;
        room.hostUserId = session.userId;
        room.createdAtMs = now;
        room.properties.putAll(properties);
        room.members.put(session.userId, new MemberState(session.userId, session.displayName, now));
        store.putRoom(room);
        session.roomId = room.roomId;
        store.putSession(session);
        return snapshot(room, true);
    }

    public ObjectNode list(JsonNode msg) throws ProtocolException {
        Map<String, String> filter = Json.stringMap(msg, "properties", config.maxRoomProperties,
                config.maxPropertyKeyChars, config.maxPropertyValueChars, false);
        boolean hasSpace = Json.bool(msg, "hasSpace", false);
        int limit = Json.integer(msg, "limit", config.maxListResults, 1, config.maxListResults);
        ArrayNode rooms = Json.MAPPER.createArrayNode();
        store.rooms().stream()
                .filter(r -> r.isPublic)
                .filter(r -> !hasSpace || r.members.size() < r.maxPlayers)
                .filter(r -> filter.entrySet().stream().allMatch(e -> e.getValue().equals(r.properties.get(e.getKey()))))
                .sorted(Comparator.comparingLong((RoomState r) -> r.createdAtMs).thenComparing(r -> r.roomId))
                .limit(limit)
                .forEach(r -> rooms.add(summary(r)));
        ObjectNode data = Json.object();
        data.set("rooms", rooms);
        return data;
    }

    public ObjectNode join(SessionState session, JsonNode msg) throws ProtocolException {
        if (session.roomId != null) {
            throw new ProtocolException(ErrorCode.ALREADY_IN_ROOM, "leave room " + session.roomId + " first");
        }
        String roomId = Json.optionalText(msg, "roomId", 64);
        String code = Json.optionalText(msg, "joinCode", 16);
        RoomState room;
        if (roomId != null) {
            room = store.room(roomId).filter(r -> r.isPublic).orElseThrow(
                    () -> new ProtocolException(ErrorCode.NOT_FOUND, "no public room " + roomId));
        } else if (code != null) {
            room = store.roomByJoinCode(code.toUpperCase(java.util.Locale.ROOT)).orElseThrow(
                    () -> new ProtocolException(ErrorCode.NOT_FOUND, "no room with that join code"));
        } else {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "give 'roomId' or 'joinCode'");
        }
        if (room.members.size() >= room.maxPlayers) {
            throw new ProtocolException(ErrorCode.ROOM_FULL, "room " + room.roomId + " is full");
        }
        room.members.put(session.userId, new MemberState(session.userId, session.displayName, config.clock.millis()));
        store.putRoom(room);
        session.roomId = room.roomId;
        store.putSession(session);
        membershipChanged.accept(room);
        broadcast(room);
        return snapshot(room, true);
    }

    /** Removes the session's user from its room; {@code kickedBy} non-null sends {@code room.kicked}. */
    public void leave(SessionState session, String kickedBy) {
        if (session.roomId == null) {
            return;
        }
        String roomId = session.roomId;
        session.roomId = null;
        store.putSession(session);
        RoomState room = store.room(roomId).orElse(null);
        if (room == null || room.members.remove(session.userId) == null) {
            return;
        }
        if (kickedBy != null) {
            ObjectNode kicked = Messages.event("room.kicked");
            kicked.put("roomId", roomId);
            kicked.put("by", kickedBy);
            connections.send(session.userId, kicked);
        }
        if (room.members.isEmpty()) {
            store.removeRoom(roomId);
            membershipChanged.accept(room);
            return;
        }
        if (session.userId.equals(room.hostUserId)) {
            room.hostUserId = room.members.values().stream().filter(m -> m.connected).findFirst()
                    .orElse(room.members.values().iterator().next()).userId;
        }
        store.putRoom(room);
        membershipChanged.accept(room);
        broadcast(room);
    }

    public void requireLeave(SessionState session) throws ProtocolException {
        if (session.roomId == null) {
            throw new ProtocolException(ErrorCode.NOT_IN_ROOM, "not in a room");
        }
        leave(session, null);
    }

    public ObjectNode ready(SessionState session, JsonNode msg) throws ProtocolException {
        RoomState room = roomOf(session);
        boolean ready = Json.bool(msg, "ready", true);
        room.members.get(session.userId).ready = ready;
        store.putRoom(room);
        broadcast(room);
        return snapshot(room, true);
    }

    public ObjectNode setProperties(SessionState session, JsonNode msg) throws ProtocolException {
        RoomState room = hostedRoom(session);
        Map<String, String> changes = Json.stringMap(msg, "properties", config.maxRoomProperties,
                config.maxPropertyKeyChars, config.maxPropertyValueChars, true);
        Map<String, String> merged = new java.util.LinkedHashMap<>(room.properties);
        for (Map.Entry<String, String> e : changes.entrySet()) {
            if (e.getValue() == null) {
                merged.remove(e.getKey());
            } else {
                merged.put(e.getKey(), e.getValue());
            }
        }
        if (merged.size() > config.maxRoomProperties) {
            throw new ProtocolException(ErrorCode.PAYLOAD_TOO_LARGE, "a room holds at most " + config.maxRoomProperties + " properties");
        }
        room.properties = merged;
        if (msg.has("public")) {
            room.isPublic = Json.bool(msg, "public", room.isPublic);
        }
        if (msg.has("maxPlayers")) {
            room.maxPlayers = Json.integer(msg, "maxPlayers", room.maxPlayers, Math.max(1, room.members.size()), config.maxRoomPlayers);
        }
        store.putRoom(room);
        broadcast(room);
        return snapshot(room, true);
    }

    public ObjectNode kick(SessionState session, JsonNode msg) throws ProtocolException {
        RoomState room = hostedRoom(session);
        String target = Json.text(msg, "userId", 64);
        if (target.equals(session.userId)) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "the host cannot kick itself; use room.leave");
        }
        if (!room.members.containsKey(target)) {
            throw new ProtocolException(ErrorCode.NOT_FOUND, target + " is not in the room");
        }
        SessionState targetSession = store.session(target).orElse(null);
        if (targetSession != null) {
            leave(targetSession, session.userId);
        } else {
            room.members.remove(target);
            store.putRoom(room);
            broadcast(room);
        }
        return snapshot(store.room(room.roomId).orElse(room), true);
    }

    /** Marks the member (dis)connected and tells the room. */
    public void setConnected(SessionState session, boolean connected) {
        if (session.roomId == null) {
            return;
        }
        RoomState room = store.room(session.roomId).orElse(null);
        MemberState member = room == null ? null : room.members.get(session.userId);
        if (member == null) {
            session.roomId = null;
            store.putSession(session);
            return;
        }
        member.connected = connected;
        store.putRoom(room);
        broadcast(room);
    }

    public RoomState roomOf(SessionState session) throws ProtocolException {
        if (session.roomId == null) {
            throw new ProtocolException(ErrorCode.NOT_IN_ROOM, "not in a room");
        }
        return store.room(session.roomId).filter(r -> r.members.containsKey(session.userId))
                .orElseThrow(() -> new ProtocolException(ErrorCode.NOT_IN_ROOM, "not in a room"));
    }

    private RoomState hostedRoom(SessionState session) throws ProtocolException {
        RoomState room = roomOf(session);
        if (!session.userId.equals(room.hostUserId)) {
            throw new ProtocolException(ErrorCode.NOT_HOST, "only the room host may do that");
        }
        return room;
    }

    /** Sends {@code room.updated} with the full room to every connected member. */
    public void broadcast(RoomState room) {
        ObjectNode event = Messages.event("room.updated");
        event.set("room", snapshot(room, true));
        for (String userId : room.members.keySet()) {
            connections.send(userId, event);
        }
    }

    /** The room as members see it (with join code) or as a list entry. */
    public static ObjectNode snapshot(RoomState room, boolean includeJoinCode) {
        ObjectNode node = summary(room);
        if (includeJoinCode) {
            node.put("joinCode", room.joinCode);
        }
        ArrayNode members = node.putArray("members");
        for (MemberState m : room.members.values()) {
            ObjectNode member = members.addObject();
            member.put("userId", m.userId);
            member.put("displayName", m.displayName);
            member.put("ready", m.ready);
            member.put("connected", m.connected);
        }
        return node;
    }

    private static ObjectNode summary(RoomState room) {
        ObjectNode node = Json.object();
        node.put("roomId", room.roomId);
        node.put("name", room.name);
        node.put("public", room.isPublic);
        node.put("maxPlayers", room.maxPlayers);
        node.put("playerCount", room.members.size());
        node.put("hostUserId", room.hostUserId);
        ObjectNode props = node.putObject("properties");
        room.properties.forEach(props::put);
        return node;
    }

    private String newJoinCode() {
        while (true) {
            char[] code = new char[CODE_LENGTH];
            for (int i = 0; i < code.length; i++) {
                code[i] = CODE_ALPHABET[random.nextInt(CODE_ALPHABET.length)];
            }
            String candidate = new String(code);
            if (store.roomByJoinCode(candidate).isEmpty()) {
                return candidate;
            }
        }
    }

    String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** Members of {@code room} in join order. */
    public static List<MemberState> members(RoomState room) {
        return List.copyOf(room.members.values());
    }
}
