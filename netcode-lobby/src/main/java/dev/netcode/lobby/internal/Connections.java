package dev.netcode.lobby.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live connections of this lobby node by user id. Changed only on the logic thread; the map is
 * concurrent so the HTTP health endpoint can count it from an event loop.
 */
public final class Connections {
    private final Map<String, Connection> byUser = new ConcurrentHashMap<>();

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

    /** Sends to {@code userId} if connected to this node; false if not. */
    public boolean send(String userId, ObjectNode message) {
        Connection c = byUser.get(userId);
        if (c == null) {
            return false;
        }
        c.send(message);
        return true;
    }

    public int size() {
        return byUser.size();
    }

    public Iterable<Connection> all() {
        return byUser.values();
    }
}
