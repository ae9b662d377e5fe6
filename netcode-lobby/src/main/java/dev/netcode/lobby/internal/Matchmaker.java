package dev.netcode.lobby.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netcode.lobby.LobbyConfig;
import dev.netcode.lobby.QueueConfig;
import dev.netcode.lobby.store.HostState;
import dev.netcode.lobby.store.LobbyStore;
import dev.netcode.lobby.store.MatchState;
import dev.netcode.lobby.store.MemberState;
import dev.netcode.lobby.store.RoomState;
import dev.netcode.lobby.store.SessionState;
import dev.netcode.lobby.store.TicketState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matchmaking queues keyed by mode and region. Runs on the lobby-logic thread only; a periodic
 * {@link #tick} forms matches.
 *
 * <p>A ticket is one player or a party (the members of a room, queued by the room host; they are
 * always matched together). Tickets are scanned in arrival order; each one, as anchor, gathers
 * later tickets whose skill is within both its own and the anchor's current window (and every
 * already gathered ticket's window) until the mode's {@code maxPlayers} is reached. A group is
 * matched when full, or when it has {@code minPlayers} and the anchor has waited
 * {@code fillTimeoutMs}.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Skill comes from the client's {@code queue.join} message. A game that cares about honest
 *       ratings must check it (for example derive it in its {@code Authenticator} and ignore the
 *       client's value) — the lobby cannot know a game's rating.</li>
 *   <li>Each anchor looks at most {@value #SCAN_LIMIT} later tickets, which bounds a tick's work
 *       on a crowded queue at the cost of an occasionally missed pairing.</li>
 *   <li>Tickets live in the {@code LobbyStore}; with several nodes only the one holding the
 *       "matchmaker" lead forms matches (see {@code LobbyStore#tryLead}).</li>
 * </ul>
 */
public final class Matchmaker {
    private static final Logger LOG = LoggerFactory.getLogger(Matchmaker.class);
    static final int SCAN_LIMIT = 500;

    private static double window(QueueConfig queue, TicketState ticket, long nowMs) {
        double waitedSeconds = Math.max(0, nowMs - ticket.enqueuedAtMs) / 1000.0;
        return Math.min(queue.maxSkillWindow(), queue.initialSkillWindow() + queue.skillWindowGrowthPerSecond() * waitedSeconds);
    }

    private final LobbyConfig config;
    private final LobbyStore store;
    private final Connections connections;
    private final HostRegistry hosts;
    private final RoomService rooms;
    private final java.security.SecureRandom random = new java.security.SecureRandom();

    public Matchmaker(LobbyConfig config, Connections connections, HostRegistry hosts, RoomService rooms) {
        this.config = config;
        this.store = config.store;
        this.connections = connections;
        this.hosts = hosts;
        this.rooms = rooms;
    }

    public ObjectNode join(SessionState session, JsonNode msg) throws ProtocolException {
        String mode = Json.text(msg, "mode", 32);
        String region = Json.text(msg, "region", 32);
        double skill = Json.number(msg, "skill", 0, -1e9, 1e9);
        boolean party = Json.bool(msg, "party", false);
        QueueConfig queue = config.queues.get(mode);
        if (queue == null) {
            throw new ProtocolException(ErrorCode.UNKNOWN_MODE, "no matchmaking mode '" + mode + "'; modes: " + config.queues.keySet());
        }
        if (!region.matches("[A-Za-z0-9_.-]+")) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "region must be [A-Za-z0-9_.-]");
        }
        List<String> members = new ArrayList<>();
        String partyRoomId = null;
        if (party) {
            RoomState room = rooms.roomOf(session);
            if (!session.userId.equals(room.hostUserId)) {
                throw new ProtocolException(ErrorCode.NOT_HOST, "only the room host may queue the party");
            }
            for (MemberState m : room.members.values()) {
                members.add(m.userId);
            }
            partyRoomId = room.roomId;
        } else {
            members.add(session.userId);
        }
        if (members.size() > queue.maxPlayers()) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "party of " + members.size() + " exceeds the mode's "
                    + queue.maxPlayers() + " players");
        }
        for (String userId : members) {
            if (store.ticketOfUser(userId).isPresent()) {
                throw new ProtocolException(ErrorCode.ALREADY_QUEUED, userId + " is already queued");
            }
        }
        String key = mode + "/" + region;
        Map<String, Integer> perQueue = new HashMap<>();
        for (TicketState t : store.tickets()) {
            perQueue.merge(t.queueKey(), 1, Integer::sum);
        }
        if (!perQueue.containsKey(key) && perQueue.size() >= config.maxQueues) {
            throw new ProtocolException(ErrorCode.QUEUE_FULL, "too many distinct queues");
        }
        if (perQueue.getOrDefault(key, 0) >= config.maxTicketsPerQueue) {
            throw new ProtocolException(ErrorCode.QUEUE_FULL, "queue " + key + " is full");
        }
        TicketState ticket = new TicketState();
        ticket.ticketId = "t-" + hex(8);
        ticket.mode = mode;
        ticket.region = region;
        ticket.userIds = members;
        ticket.partyRoomId = partyRoomId;
        ticket.skill = skill;
        ticket.enqueuedAtMs = config.clock.millis();
        store.putTicket(ticket);
        for (String userId : members) {
            if (!userId.equals(session.userId)) {
                ObjectNode event = Messages.event("queue.joined");
                event.put("mode", mode);
                event.put("region", region);
                event.put("by", session.userId);
                connections.send(userId, event);
            }
        }
        ObjectNode data = Json.object();
        data.put("mode", mode);
        data.put("region", region);
        data.put("players", members.size());
        return data;
    }

    public ObjectNode leave(SessionState session) throws ProtocolException {
        if (!cancel(session.userId, "left")) {
            throw new ProtocolException(ErrorCode.NOT_FOUND, "not queued");
        }
        return Json.object();
    }

    /** Cancels the ticket holding {@code userId} (the whole party), telling the other members. */
    public boolean cancel(String userId, String reason) {
        TicketState ticket = store.ticketOfUser(userId).orElse(null);
        if (ticket == null) {
            return false;
        }
        store.removeTicket(ticket);
        for (String member : ticket.userIds) {
            if (!member.equals(userId)) {
                ObjectNode event = Messages.event("queue.left");
                event.put("reason", reason);
                event.put("by", userId);
                connections.send(member, event);
            }
        }
        return true;
    }

    /** A party's room changed membership: its ticket no longer describes the party. */
    public void roomChanged(RoomState room) {
        String host = room.hostUserId;
        TicketState ticket = host == null ? null : store.ticketOfUser(host).orElse(null);
        if (ticket == null) {
            // The host may have changed with this membership change: look at every member's ticket.
            for (String userId : room.members.keySet()) {
                ticket = store.ticketOfUser(userId).orElse(null);
                if (ticket != null && room.roomId.equals(ticket.partyRoomId)) {
                    break;
                }
                ticket = null;
            }
        }
        if (ticket != null && room.roomId.equals(ticket.partyRoomId)) {
            cancel(ticket.userIds.get(0), "party changed");
        }
    }

    /**
     * Forms every match possible now. Only on the node holding the matchmaker lead, so tickets
     * queued on any node sharing the store are matched together, and never twice.
     */
    public void tick(long nowMs) {
        if (!store.tryLead("matchmaker", Math.max(3_000, config.matchmakingIntervalMs * 10))) {
            return;
        }
        Map<String, List<TicketState>> queues = new LinkedHashMap<>();
        store.tickets().stream()
                .sorted(java.util.Comparator.comparingLong((TicketState t) -> t.enqueuedAtMs).thenComparing(t -> t.ticketId))
                .forEach(t -> queues.computeIfAbsent(t.queueKey(), k -> new ArrayList<>()).add(t));
        for (List<TicketState> tickets : queues.values()) {
            QueueConfig queue = config.queues.get(tickets.get(0).mode);
            if (queue != null) {
                formMatches(queue, tickets, nowMs);
            }
        }
    }

    private void formMatches(QueueConfig queue, List<TicketState> tickets, long nowMs) {
        int i = 0;
        while (i < tickets.size()) {
            TicketState anchor = tickets.get(i);
            List<TicketState> group = new ArrayList<>();
            group.add(anchor);
            int count = anchor.userIds.size();
            for (int j = i + 1; j < tickets.size() && j <= i + SCAN_LIMIT && count < queue.maxPlayers(); j++) {
                TicketState candidate = tickets.get(j);
                if (count + candidate.userIds.size() <= queue.maxPlayers() && fitsGroup(queue, candidate, group, nowMs)) {
                    group.add(candidate);
                    count += candidate.userIds.size();
                }
            }
            boolean ready = count == queue.maxPlayers()
                    || (count >= queue.minPlayers() && nowMs - anchor.enqueuedAtMs >= queue.fillTimeoutMs());
            if (ready && createMatch(queue, group, count, nowMs)) {
                for (TicketState t : group) {
                    store.removeTicket(t);
                    tickets.remove(t);
                }
            } else {
                i++;
            }
        }
    }

    private static boolean fitsGroup(QueueConfig queue, TicketState candidate, List<TicketState> group, long nowMs) {
        double candidateWindow = window(queue, candidate, nowMs);
        for (TicketState member : group) {
            double distance = Math.abs(member.skill - candidate.skill);
            if (distance > candidateWindow || distance > window(queue, member, nowMs)) {
                return false;
            }
        }
        return true;
    }

    /** Builds the match and notifies everyone; false when it must wait for a dedicated host. */
    private boolean createMatch(QueueConfig queue, List<TicketState> group, int playerCount, long nowMs) {
        TicketState anchor = group.get(0);
        HostState host = null;
        if (queue.hostMode() != QueueConfig.HostMode.P2P) {
            host = hosts.pick(anchor.region, playerCount, nowMs);
            if (host == null && queue.hostMode() == QueueConfig.HostMode.DEDICATED) {
                return false;
            }
        }
        MatchState match = new MatchState();
        match.matchId = "m-" + hex(8);
        match.mode = queue.mode();
        match.region = anchor.region;
        match.createdAtMs = nowMs;
        for (TicketState t : group) {
            match.players.addAll(t.userIds);
        }
        Map<String, String> names = new LinkedHashMap<>();
        for (String userId : match.players) {
            names.put(userId, store.session(userId).map(s -> s.displayName).orElse(userId));
        }
        Map<String, String> joinTokens = Map.of();
        if (host != null) {
            match.hostKind = "dedicated";
            match.hostId = host.hostId;
            match.hostUserId = host.userId;
        } else {
            match.hostKind = "p2p";
            match.hostUserId = anchor.userIds.get(0);
            if (anchor.partyRoomId != null) {
                match.hostUserId = store.room(anchor.partyRoomId).map(r -> r.hostUserId)
                        .filter(match.players::contains).orElse(match.hostUserId);
            }
        }
        store.putMatch(match);
        if (host != null) {
            joinTokens = hosts.reserve(host, match, names);
        }
        for (String userId : match.players) {
            store.session(userId).ifPresent(s -> {
                s.matchId = match.matchId;
                store.putSession(s);
            });
            ObjectNode event = Messages.event("match.found");
            event.set("match", describe(match, names, host, joinTokens.get(userId)));
            connections.send(userId, event);
        }
        LOG.info("match {} formed: mode {}, region {}, {} players, host {}", match.matchId, match.mode, match.region,
                match.players.size(), host == null ? "p2p:" + match.hostUserId : host.hostId);
        return true;
    }

    private ObjectNode describe(MatchState match, Map<String, String> names, HostState host, String joinToken) {
        ObjectNode node = Json.object();
        node.put("matchId", match.matchId);
        node.put("mode", match.mode);
        node.put("region", match.region);
        ArrayNode players = node.putArray("players");
        names.forEach((userId, name) -> {
            ObjectNode p = players.addObject();
            p.put("userId", userId);
            p.put("displayName", name);
        });
        ObjectNode hostNode = node.putObject("host");
        hostNode.put("kind", match.hostKind);
        hostNode.put("userId", match.hostUserId);
        if (host != null) {
            hostNode.put("hostId", host.hostId);
            hostNode.put("address", host.address);
            hostNode.put("joinToken", joinToken);
        }
        return node;
    }

    private String hex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return java.util.HexFormat.of().formatHex(b);
    }
}
