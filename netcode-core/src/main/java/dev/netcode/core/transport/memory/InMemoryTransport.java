package dev.netcode.core.transport.memory;

import dev.netcode.core.transport.Transport;
import dev.netcode.core.transport.TransportAcceptor;
import dev.netcode.core.transport.TransportConnection;
import dev.netcode.core.transport.TransportException;
import dev.netcode.core.transport.TransportHandler;
import dev.netcode.core.transport.TransportServer;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;

/** A {@link Transport} on an {@link InMemoryNetwork}; see there. */
final class InMemoryTransport implements Transport {
    private final InMemoryNetwork network;
    private final Set<InMemoryConnection> connections = ConcurrentHashMap.newKeySet();
    private final Set<Listener> servers = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    InMemoryTransport(InMemoryNetwork network) {
        this.network = network;
    }

    final class Listener implements TransportServer {
        final String address;
        final TransportAcceptor acceptor;
        final InMemoryTransport owner = InMemoryTransport.this;

        Listener(String address, TransportAcceptor acceptor) {
            this.address = address;
            this.acceptor = acceptor;
        }

        @Override
        public String address() {
            return address;
        }

        @Override
        public void close() {
            network.listeners.remove(address, this);
            servers.remove(this);
        }
    }

    @Override
    public TransportServer listen(String address, TransportAcceptor acceptor) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(acceptor, "acceptor");
        if (closed) {
            throw new TransportException("transport is closed");
        }
        Listener listener = new Listener(address, acceptor);
        if (network.listeners.putIfAbsent(address, listener) != null) {
            throw new TransportException("address already in use: " + address);
        }
        servers.add(listener);
        return listener;
    }

    @Override
    public CompletableFuture<TransportConnection> connect(String address, TransportHandler handler) {
        Objects.requireNonNull(handler, "handler");
        CompletableFuture<TransportConnection> future = new CompletableFuture<>();
        if (closed) {
            future.completeExceptionally(new TransportException("transport is closed"));
            return future;
        }
        try {
            network.delivery.execute(() -> open(address, handler, future));
        } catch (RejectedExecutionException e) {
            future.completeExceptionally(new TransportException("network is closed", e));
        }
        return future;
    }

    private void open(String address, TransportHandler handler, CompletableFuture<TransportConnection> future) {
        Listener listener = network.listeners.get(address);
        if (listener == null) {
            future.completeExceptionally(new TransportException("connection refused: nothing listens at " + address));
            return;
        }
        int id = network.nextConnectionId();
        InMemoryConnection client = new InMemoryConnection(network, "memory:" + address + "#server", this);
        InMemoryConnection server = new InMemoryConnection(network, "memory:client-" + id, listener.owner);
        InMemoryConnection.pair(client, server);
        client.setHandler(handler);
        TransportHandler serverHandler;
        try {
            serverHandler = listener.acceptor.accept(server);
        } catch (RuntimeException e) {
            future.completeExceptionally(new TransportException("acceptor failed", e));
            return;
        }
        if (serverHandler == null) {
            future.completeExceptionally(new TransportException("connection refused by the acceptor"));
            return;
        }
        server.setHandler(serverHandler);
        connections.add(client);
        listener.owner.connections.add(server);
        future.complete(client);
    }

    void forget(InMemoryConnection connection) {
        connections.remove(connection);
    }

    @Override
    public void close() {
        closed = true;
        for (Listener l : servers) {
            l.close();
        }
        for (InMemoryConnection c : connections) {
            c.close();
        }
    }
}
