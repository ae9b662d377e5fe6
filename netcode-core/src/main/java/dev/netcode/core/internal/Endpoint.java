package dev.netcode.core.internal;

import dev.netcode.core.Connection;
import dev.netcode.core.DisconnectReason;
import dev.netcode.core.MessageRegistry;
import dev.netcode.core.NetConfig;
import dev.netcode.core.NetListener;
import dev.netcode.core.transport.Transport;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code NetServer} and {@code NetClient} share: configuration, the event hand-over to the
 * game thread, the set of live connections, and one timer thread for keep-alives and timeouts.
 */
public final class Endpoint {
    private static final Logger LOG = LoggerFactory.getLogger(Endpoint.class);
    private static final AtomicInteger TIMER_IDS = new AtomicInteger();

    /** Source of monotonic time; replaceable in tests. */
    @FunctionalInterface
    public interface NanoClock {
        long nanoTime();
    }

    final NetConfig config;
    final MessageRegistry registry;
    final NetListener listener;
    final Transport transport;
    final boolean isServer;
    final NanoClock clock = System::nanoTime;
    final EventQueue events;
    private final Set<ConnectionImpl> live = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connected = new AtomicInteger();
    private final AtomicInteger ids = new AtomicInteger();
    private final ScheduledExecutorService timer;
    private volatile boolean closed;

    public Endpoint(NetConfig config, MessageRegistry registry, Transport transport, NetListener listener, boolean isServer) {
        this.config = Objects.requireNonNull(config, "config");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.isServer = isServer;
        this.events = new EventQueue(config.maxPendingMessages(), live::size);
        String name = "netcode-" + (isServer ? "server" : "client") + "-timer-" + TIMER_IDS.incrementAndGet();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        long periodMs = Math.max(5, Math.min(100, config.keepAliveIntervalMs() / 2));
        timer.scheduleAtFixedRate(this::tick, periodMs, periodMs, TimeUnit.MILLISECONDS);
    }

    public ConnectionImpl newServerConnection(dev.netcode.core.transport.TransportConnection tc) {
        ConnectionImpl c = new ConnectionImpl(this, ids.incrementAndGet(), tc, ConnectionImpl.State.HANDSHAKE);
        live.add(c);
        return c;
    }

    public ConnectionImpl newClientConnection() {
        ConnectionImpl c = new ConnectionImpl(this, ids.incrementAndGet(), null, ConnectionImpl.State.CONNECTING);
        live.add(c);
        return c;
    }

    public void transportOpened(ConnectionImpl c, dev.netcode.core.transport.TransportConnection tc) {
        c.onTransportOpen(tc);
    }

    public void connectFailed(ConnectionImpl c, Throwable cause) {
        c.disconnect(DisconnectReason.CONNECT_FAILED, String.valueOf(cause.getMessage()), false);
    }

    /** Server: reserves a slot for a connection completing its handshake. */
    boolean admit(ConnectionImpl c) {
        while (true) {
            int n = connected.get();
            if (n >= config.maxConnections()) {
                return false;
            }
            if (connected.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    void forget(ConnectionImpl c) {
        if (live.remove(c) && c.wasConnected() && isServer) {
            connected.decrementAndGet();
        }
    }

    /** Drains pending callbacks on the calling thread; returns how many were delivered. */
    public int update() {
        return events.drain(listener);
    }

    /** Connections whose handshake completed and that are still open. */
    public List<Connection> connections() {
        List<Connection> out = new ArrayList<>(live.size());
        for (ConnectionImpl c : live) {
            if (c.isConnected()) {
                out.add(c);
            }
        }
        return Collections.unmodifiableList(out);
    }

    public Transport transport() {
        return transport;
    }

    public NetConfig config() {
        return config;
    }

    public MessageRegistry registry() {
        return registry;
    }

    public boolean isClosed() {
        return closed;
    }

    private void tick() {
        try {
            long now = clock.nanoTime();
            for (ConnectionImpl c : live) {
                c.tick(now);
            }
        } catch (RuntimeException e) {
            LOG.warn("timer tick failed", e);
        }
    }

    /** Closes every connection with {@link DisconnectReason#CLOSED}, then stops the timer. */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (ConnectionImpl c : live) {
            c.close();
        }
        timer.shutdown();
    }
}
