package dev.netcode.bench.prediction;

import dev.netcode.core.Channel;
import dev.netcode.core.transport.Transport;
import dev.netcode.core.transport.TransportConnection;
import dev.netcode.core.transport.TransportHandler;
import dev.netcode.core.transport.TransportServer;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Client-side wrapper that adds a one-way delay, changeable at run time, to unreliable traffic in
 * both directions. The conditioner's profile is fixed per transport, so an RTT change mid-run is
 * modelled by putting this under it. Reliable traffic is not delayed (keeps its order trivially).
 */
final class ExtraDelayTransport implements Transport {
    private final Transport inner;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "extra-delay");
        t.setDaemon(true);
        return t;
    });
    private volatile long extraOneWayNanos;

    ExtraDelayTransport(Transport inner) {
        this.inner = inner;
    }

    void setExtraOneWayMs(double ms) {
        extraOneWayNanos = (long) (ms * 1e6);
    }

    @Override
    public TransportServer listen(String address, dev.netcode.core.transport.TransportAcceptor acceptor) {
        throw new UnsupportedOperationException("client side only");
    }

    @Override
    public CompletableFuture<TransportConnection> connect(String address, TransportHandler handler) {
        Delayed[] self = new Delayed[1];
        TransportHandler wrapped = new TransportHandler() {
            @Override
            public void onMessage(TransportConnection c, Channel channel, ByteBuffer message) {
                long d = extraOneWayNanos;
                if (d == 0 || channel.isReliable() || self[0] == null) {
                    handler.onMessage(self[0] != null ? self[0] : c, channel, message);
                    return;
                }
                ByteBuffer copy = copy(message);
                timer.schedule(() -> handler.onMessage(self[0], channel, copy), d, TimeUnit.NANOSECONDS);
            }

            @Override
            public void onWritable(TransportConnection c) {
                handler.onWritable(self[0] != null ? self[0] : c);
            }

            @Override
            public void onClosed(TransportConnection c, Throwable cause) {
                handler.onClosed(self[0] != null ? self[0] : c, cause);
            }
        };
        return inner.connect(address, wrapped).thenApply(c -> {
            self[0] = new Delayed(c);
            return self[0];
        });
    }

    private static ByteBuffer copy(ByteBuffer b) {
        ByteBuffer c = ByteBuffer.allocate(b.remaining());
        c.put(b.duplicate()).flip();
        return c;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        inner.close();
    }

    private final class Delayed implements TransportConnection {
        private final TransportConnection c;

        Delayed(TransportConnection c) {
            this.c = c;
        }

        @Override public String remoteAddress() { return c.remoteAddress(); }
        @Override public int maxMessageSizeBytes() { return c.maxMessageSizeBytes(); }
        @Override public long bufferedBytes() { return c.bufferedBytes(); }
        @Override public long maxBufferedBytes() { return c.maxBufferedBytes(); }
        @Override public boolean isWritable() { return c.isWritable(); }
        @Override public boolean isOpen() { return c.isOpen(); }
        @Override public void close() { c.close(); }

        @Override
        public void send(Channel channel, ByteBuffer message) {
            long d = extraOneWayNanos;
            if (d == 0 || channel.isReliable()) {
                c.send(channel, message);
                return;
            }
            ByteBuffer copy = copy(message);
            timer.schedule(() -> {
                try {
                    c.send(channel, copy);
                } catch (RuntimeException ignored) {
                    // unreliable: a closed or full link drops it, as a network would
                }
            }, d, TimeUnit.NANOSECONDS);
        }
    }
}
