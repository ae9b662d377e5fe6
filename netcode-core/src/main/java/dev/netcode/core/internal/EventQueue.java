package dev.netcode.core.internal;

import dev.netcode.core.Channel;
import dev.netcode.core.DisconnectReason;
import dev.netcode.core.NetListener;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands events from network threads to the thread that calls {@code update()}. Messages are
 * bounded by {@code maxPendingMessages}; lifecycle events (at most two per connection) are not
 * counted, so a disconnect is never lost and always follows the connection's last message.
 */
final class EventQueue {
    private static final Logger LOG = LoggerFactory.getLogger(EventQueue.class);

    private record Event(ConnectionImpl connection, Object message, Channel channel, DisconnectReason reason) {}

    private final ConcurrentLinkedQueue<Event> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pendingMessages = new AtomicInteger();
    private final int maxPendingMessages;

    EventQueue(int maxPendingMessages) {
        this.maxPendingMessages = maxPendingMessages;
    }

    /** False if the bound is reached; the caller decides (drop unreliable, disconnect on reliable). */
    boolean offerMessage(ConnectionImpl connection, Object message, Channel channel) {
        if (pendingMessages.incrementAndGet() > maxPendingMessages) {
            pendingMessages.decrementAndGet();
            return false;
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
