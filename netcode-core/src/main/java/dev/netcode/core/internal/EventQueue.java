package dev.netcode.core.internal;

import dev.netcode.core.Channel;
import dev.netcode.core.DisconnectReason;
import dev.netcode.core.NetListener;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands events from network threads to the thread that calls {@code update()}. Messages are
 * bounded by {@code maxPendingMessages}; lifecycle events (at most two per connection) are not
 * counted, so a disconnect is never lost and always follows the connection's last message.
 *
 * <p>Fairness: one flooding peer must not make an honest peer's reliable message fail. Once the
 * bound is reached, a connection still holding less than its fair share ({@code maxPendingMessages}
 * divided by the live connections) may go beyond it, up to twice the bound in total; a connection
 * above its share is refused, and its owner ends it. Memory stays bounded either way.
 */
final class EventQueue {
    private static final Logger LOG = LoggerFactory.getLogger(EventQueue.class);

    private record Event(ConnectionImpl connection, Object message, Channel channel, DisconnectReason reason) {}

    private final ConcurrentLinkedQueue<Event> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pendingMessages = new AtomicInteger();
    private final int maxPendingMessages;
    private final IntSupplier liveConnections;

    EventQueue(int maxPendingMessages, IntSupplier liveConnections) {
        this.maxPendingMessages = maxPendingMessages;
        this.liveConnections = liveConnections;
    }

    /** False if the bound (or the connection's share of it) is reached; the caller drops or disconnects. */
    boolean offerMessage(ConnectionImpl connection, Object message, Channel channel) {
        int mine = connection.pendingMessages.incrementAndGet();
        int all = pendingMessages.incrementAndGet();
        if (all > maxPendingMessages) {
            int fairShare = maxPendingMessages / Math.max(1, liveConnections.getAsInt());
            if (mine > fairShare || all > 2 * maxPendingMessages) {
                connection.pendingMessages.decrementAndGet();
                pendingMessages.decrementAndGet();
                return false;
            }
        }
        queue.add(new Event(connection, message, channel, null));
        return true;
    }

    void offerConnected(ConnectionImpl connection) {
        queue.add(new Event(connection, null, null, null));
    }

    void offerDisconnected(ConnectionImpl connection, DisconnectReason reason) {
        queue.add(new Event(connection, null, null, reason));
    }

    /**
     * Delivers what is queued now to {@code listener} on the calling thread. Events that arrive
     * while draining wait for the next call, so a flood cannot trap the game loop here.
     */
    int drain(NetListener listener) {
        int budget = maxPendingMessages + 1024;
        int delivered = 0;
        Event e;
        while (delivered < budget && (e = queue.poll()) != null) {
            delivered++;
            if (e.message != null) {
                pendingMessages.decrementAndGet();
                e.connection.pendingMessages.decrementAndGet();
            }
            dispatch(listener, e.connection, e.message, e.channel, e.reason);
        }
        return delivered;
    }

    static void dispatch(NetListener listener, ConnectionImpl c, Object message, Channel channel, DisconnectReason reason) {
        try {
            if (message != null) {
                listener.received(c, message, channel);
            } else if (reason != null) {
                listener.disconnected(c, reason);
            } else {
                listener.connected(c);
            }
        } catch (RuntimeException ex) {
            LOG.warn("listener threw for connection {}", c.id(), ex);
        }
    }
}
