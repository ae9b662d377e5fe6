package dev.netcode.core.testing;

import dev.netcode.core.Channel;
import dev.netcode.core.Connection;
import dev.netcode.core.DisconnectReason;
import dev.netcode.core.NetListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every callback with the thread it ran on. */
public class RecordingListener implements NetListener {
    public record Received(Connection connection, Object message, Channel channel, Thread thread) {}

    public record Disconnected(Connection connection, DisconnectReason reason, String detail, Thread thread) {}

    public final List<Connection> connected = new CopyOnWriteArrayList<>();
    public final List<Received> received = new CopyOnWriteArrayList<>();
    public final List<Disconnected> disconnected = new CopyOnWriteArrayList<>();
    public final List<Thread> threads = new CopyOnWriteArrayList<>();

    @Override
    public void connected(Connection connection) {
        threads.add(Thread.currentThread());
        connected.add(connection);
    }

    @Override
    public void received(Connection connection, Object message, Channel channel) {
        threads.add(Thread.currentThread());
        received.add(new Received(connection, message, channel, Thread.currentThread()));
    }

    @Override
    public void disconnected(Connection connection, DisconnectReason reason) {
        threads.add(Thread.currentThread());
        disconnected.add(new Disconnected(connection, reason, connection.disconnectDetail(), Thread.currentThread()));
    }

    public DisconnectReason lastReason() {
        return disconnected.isEmpty() ? null : disconnected.get(disconnected.size() - 1).reason();
    }

    public <T> List<T> messages(Class<T> type) {
        return received.stream().map(Received::message).filter(type::isInstance).map(type::cast).toList();
    }
}
