package dev.netcode.core.conditioner;

import dev.netcode.core.Channel;
import dev.netcode.core.transport.BackpressureException;
import dev.netcode.core.transport.MessageTooLargeException;
import dev.netcode.core.transport.TransportClosedException;
import dev.netcode.core.transport.TransportConnection;
import dev.netcode.core.transport.TransportException;
import dev.netcode.core.transport.TransportHandler;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A connection seen through the conditioner: sends pass the "up" {@link DelayLine} before reaching
 * the inner connection; the inner connection's events pass the "down" line before reaching the
 * handler. Every callback to the handler runs on the conditioner thread, which keeps them serialized.
 */
final class ConditionedConnection implements TransportConnection {
    private final ConditionedTransport owner;
    private final ScheduledExecutorService executor;
    private final DelayLine up;
    private final DelayLine down;
    private final ArrayDeque<byte[]> stalled = new ArrayDeque<>(); // reliable sends the inner connection refused for now
    private volatile TransportConnection inner;
    private volatile TransportHandler handler;
    private volatile boolean closedLocally;
    private volatile boolean closeDelivered;
    private boolean endPending; // local close waits for the stalled queue; guarded by stalled
    private long heldBytes;     // guarded by this
    private boolean aboveHighWatermark; // guarded by this
    private boolean recheckScheduled;   // guarded by this

    ConditionedConnection(ConditionedTransport owner, ScheduledExecutorService executor, LinkProfile profile, long seed,
            TransportHandler handler) {
        this.owner = owner;
        this.executor = executor;
        this.handler = handler;
        this.up = new DelayLine(executor, profile.up(), seed, owner::blackout, new DelayLine.Sink() {
            @Override
            public void deliver(Channel channel, byte[] data) {
                forward(channel, data);
            }

            @Override
            public void end() {
                synchronized (stalled) {
                    if (!stalled.isEmpty()) {
                        endPending = true;
                        return;
                    }
                }
                closeInner();
            }
        });
        this.down = new DelayLine(executor, profile.down(), ~seed, owner::blackout, new DelayLine.Sink() {
            @Override
            public void deliver(Channel channel, byte[] data) {
                TransportHandler h = ConditionedConnection.this.handler;
                if (!closeDelivered && h != null) {
                    h.onMessage(ConditionedConnection.this, channel, ByteBuffer.wrap(data));
                }
            }

            @Override
            public void end() {
                deliverClose(null);
            }
        });
    }

    void bind(TransportConnection innerConnection) {
        this.inner = innerConnection;
    }

    void setHandler(TransportHandler handler) {
        this.handler = handler;
    }

    /** What the inner transport calls. */
    TransportHandler innerHandler() {
        return new TransportHandler() {
            @Override
            public void onMessage(TransportConnection connection, Channel channel, ByteBuffer message) {
                if (inner == null) {
                    inner = connection;
                }
                byte[] copy = new byte[message.remaining()];
                message.get(copy);
                down.submit(channel, copy);
            }

            @Override
            public void onWritable(TransportConnection connection) {
                execute(ConditionedConnection.this::flushStalled);
            }

            @Override
            public void onClosed(TransportConnection connection, Throwable cause) {
                if (closedLocally || cause != null) {
                    execute(() -> deliverClose(cause));
                } else {
                    down.submitEnd();
                }
            }
        };
    }

    // ------------------------------------------------------------------ TransportConnection

    @Override
    public String remoteAddress() {
        TransportConnection i = inner;
        return (i == null ? "?" : i.remoteAddress()) + " (conditioned: " + owner.profile().name() + ")";
    }

    @Override
    public int maxMessageSizeBytes() {
        return inner.maxMessageSizeBytes();
    }

    @Override
    public void send(Channel channel, ByteBuffer message) {
        TransportConnection i = inner;
        if (closedLocally || i == null || !i.isOpen()) {
            throw new TransportClosedException("connection is closed");
        }
        int size = message.remaining();
        if (size > i.maxMessageSizeBytes()) {
            throw new MessageTooLargeException(size, i.maxMessageSizeBytes());
        }
        synchronized (this) {
            long buffered = heldBytes + i.bufferedBytes();
            if (buffered + size > i.maxBufferedBytes()) {
                aboveHighWatermark = true;
                throw new BackpressureException(buffered, i.maxBufferedBytes());
            }
            heldBytes += size;
            if (heldBytes + i.bufferedBytes() >= i.maxBufferedBytes() / 2) {
                aboveHighWatermark = true;
            }
        }
        byte[] copy = new byte[size];
        message.duplicate().get(copy);
        if (!up.submit(channel, copy)) {
            released(size);
        }
    }

    @Override
    public long bufferedBytes() {
        TransportConnection i = inner;
        synchronized (this) {
            return heldBytes + (i == null ? 0 : i.bufferedBytes());
        }
    }

    @Override
    public long maxBufferedBytes() {
        return inner.maxBufferedBytes();
    }

    @Override
    public boolean isWritable() {
        TransportConnection i = inner;
        return isOpen() && bufferedBytes() < i.maxBufferedBytes() / 2;
    }

    @Override
    public boolean isOpen() {
        TransportConnection i = inner;
        return !closedLocally && !closeDelivered && i != null && i.isOpen();
    }

    @Override
    public void close() {
        if (closedLocally) {
            return;
        }
        closedLocally = true;
        if (owner.blackout()) {
            // Nothing queued can leave through a pulled cable, and the peer must not learn of the
            // close either (it has to time out): the close leaves only if the link comes back.
            up.clear();
            up.submitEnd();
            execute(() -> deliverClose(null));
            return;
        }
        up.submitEnd();
        TransportConnection i = inner;
        if (i == null || !i.isOpen()) {
            execute(() -> deliverClose(null));
        }
    }

    // ------------------------------------------------------------------ internals

    void resume() {
        up.resume();
        down.resume();
    }

    private void forward(Channel channel, byte[] data) {
        if (channel.isReliable()) {
            synchronized (stalled) {
                if (!stalled.isEmpty()) {
                    stalled.addLast(data);
                    return;
                }
            }
        }
        TransportConnection i = inner;
        try {
            moveToInner(i, channel, data);
        } catch (BackpressureException e) {
            if (channel.isReliable()) {
                synchronized (stalled) {
                    stalled.addLast(data);
                }
                // The inner transport signals onWritable; a timer covers transports that are slow to.
                retryLater();
            } else {
                released(data.length);
            }
        } catch (TransportException e) {
            released(data.length);
        }
    }

    private void flushStalled() {
        TransportConnection i = inner;
        boolean end = false;
        while (true) {
            byte[] data;
            synchronized (stalled) {
                data = stalled.peekFirst();
                if (data == null) {
                    end = endPending;
                    endPending = false;
                    break;
                }
            }
            try {
                moveToInner(i, Channel.RELIABLE_ORDERED, data);
            } catch (BackpressureException e) {
                retryLater();
                return;
            } catch (TransportException e) {
                synchronized (stalled) {
                    stalled.clear();
                }
                return;
            }
            synchronized (stalled) {
                stalled.pollFirst();
            }
        }
        if (end) {
            closeInner();
        }
    }

    private void retryLater() {
        try {
            executor.schedule(this::flushStalled, 5, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // transport closed
        }
    }

    /**
     * Hands held bytes to the inner connection. Sending and un-holding happen under this object's
     * lock so that {@link #bufferedBytes()} never counts a message twice (once held, once inner).
     */
    private void moveToInner(TransportConnection i, Channel channel, byte[] data) {
        synchronized (this) {
            i.send(channel, ByteBuffer.wrap(data));
            heldBytes -= data.length;
        }
        released(0);
    }

    private void released(int size) {
        boolean notify = false;
        boolean recheck = false;
        TransportConnection i = inner;
        synchronized (this) {
            heldBytes -= size;
            if (aboveHighWatermark && i != null) {
                if (heldBytes + i.bufferedBytes() <= i.maxBufferedBytes() / 4) {
                    aboveHighWatermark = false;
                    notify = true;
                } else if (heldBytes == 0 && !recheckScheduled) {
                    // Only the inner buffer is left, and it may drain without telling us: poll it.
                    recheckScheduled = true;
                    recheck = true;
                }
            }
        }
        if (recheck) {
            try {
                executor.schedule(() -> {
                    synchronized (this) {
                        recheckScheduled = false;
                    }
                    released(0);
                }, 5, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // transport closed
            }
        }
        TransportHandler h = handler;
        if (notify && h != null && isOpen()) {
            h.onWritable(this);
        }
    }

    private void closeInner() {
        TransportConnection i = inner;
        if (i != null) {
            i.close();
        }
    }

    private void deliverClose(Throwable cause) {
        if (closeDelivered) {
            return;
        }
        closeDelivered = true;
        down.clear(); // the up line keeps draining: data sent before a local close still leaves, then the close

        owner.forget(this);
        TransportHandler h = handler;
        if (h != null) {
            h.onClosed(this, cause);
        }
    }

    private void execute(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            task.run(); // conditioner already shut down: deliver inline so the close is not lost
        }
    }
}
