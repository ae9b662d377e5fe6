package dev.netcode.lobby.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netcode.lobby.store.LobbyStore;
import dev.netcode.lobby.store.SessionState;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live connections of this lobby node by user id, and delivery to users on other nodes
 * through the store's routing. Changed only on the logic thread; the map is concurrent so the HTTP
 * health endpoint and routed deliveries can use it from other threads.
 */
public final class Connections {
    private final Map<String, Connection> byUser = new ConcurrentHashMap<>();
    private final LobbyStore store;

    public Connections(LobbyStore store) {
        this.store = store;
        store.onRouted(this::deliverRouted);
    }

    public Connection get(String userId) {
        return byUser.get(userId);
    }

    /** Registers {@code connection}, returning the one it replaces, if any. */
    public Connection put(Connection connection) {
        return byUser.put(connection.userId(), connection);
    }

    /** Removes {@code connection} if it is still the registered one for its user. */
    public boolean remove(Connection connection) {
        return byUser.remove(connection.userId(), connection);
    }

    /**
     * Sends to {@code userId}: directly if connected here, else routed to the node it is connected
     * to. Logic thread only (reads the store). False if the user is connected nowhere.
     */
    public boolean send(String userId, ObjectNode message) {
        Connection c = byUser.get(userId);
        if (c != null) {
            c.send(message);
            return true;
        }
        SessionState session = store.session(userId).orElse(null);
        if (session == null || !session.connected || session.nodeId == null || session.nodeId.equals(store.nodeId())) {
            return false;
        }
        return store.publish(session.nodeId, userId, Json.write(message));
    }

    /** Whether {@code userId} has a live connection on this or another live node. Logic thread only. */
    public boolean isOnline(String userId) {
        if (byUser.containsKey(userId)) {
            return true;
        }
        SessionState session = store.session(userId).orElse(null);
        return session != null && session.connected && session.nodeId != null
                && !session.nodeId.equals(store.nodeId()) && store.isNodeAlive(session.nodeId);
    }

    private void deliverRouted(String userId, String json) {
        Connection c = byUser.get(userId);
        if (c != null) {
            c.sendText(json);
        }
    }

    public int size() {
        return byUser.size();
    }

    public Iterable<Connection> all() {
        return byUser.values();
    }
}
