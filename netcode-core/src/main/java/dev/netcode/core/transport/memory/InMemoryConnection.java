package dev.netcode.core.transport.memory;

import dev.netcode.core.Channel;
import dev.netcode.core.transport.BackpressureException;
import dev.netcode.core.transport.MessageTooLargeException;
import dev.netcode.core.transport.TransportClosedException;
import dev.netcode.core.transport.TransportConnection;
import dev.netcode.core.transport.TransportHandler;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One end of an in-memory connection. Its {@link #outbound} pipe is the peer's inbound pipe; every
 * callback to this end's handler (messages and the close) runs from its inbound pipe's drain, which
 * is what serializes them.
 */
final class InMemoryConnection implements TransportConnection {
    private final InMemoryNetwork network;
    private final String remoteAddress;
    private final InMemoryTransport owner;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile TransportHandler handler;
    private Pipe outbound;
    private Pipe inbound;

    InMemoryConnection(InMemoryNetwork network, String remoteAddress, InMemoryTransport owner) {
        this.network = network;
        this.remoteAddress = remoteAddress;
        this.owner = owner;
    }

    static void pair(InMemoryConnection a, InMemoryConnection b) {
        Pipe ab = new Pipe(a.network, a, b);
        Pipe ba = new Pipe(a.network, b, a);
        a.outbound = ab;
        a.inbound = ba;
        b.outbound = ba;
        b.inbound = ab;
    }

    void setHandler(TransportHandler handler) {
        this.handler = handler;
    }

    TransportHandler handler() {
        return handler;
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    @Override
    public int maxMessageSizeBytes() {
        return network.maxMessageSizeBytes;
    }

    @Override
    public void send(Channel channel, ByteBuffer message) {
        if (closed.get()) {
            throw new TransportClosedException("connection to " + remoteAddress + " is closed");
        }
        int size = message.remaining();
        if (size > network.maxMessageSizeBytes) {
            throw new MessageTooLargeException(size, network.maxMessageSizeBytes);
        }
        outbound.offer(channel, message);
    }

    @Override
    public long bufferedBytes() {
        return outbound.bufferedBytes();
    }

    @Override
    public long maxBufferedBytes() {
        return network.maxBufferedBytes;
    }

    @Override
    public boolean isWritable() {
        return !closed.get() && outbound.bufferedBytes() < network.highWatermarkBytes;
    }

    @Override
    public boolean isOpen() {
        return !closed.get();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            outbound.offerClose();
            inbound.requestLocalClose();
        }
    }

    /** Called from the inbound drain when the peer's close marker arrives. */
    void markClosedByPeer() {
        closed.set(true);
        outbound.discard();
    }

    void closedNotified() {
        owner.forget(this);
    }

    /**
     * One direction: a bounded FIFO of copied messages plus an orderly close marker, drained on the
     * network's delivery pool, at most one drain at a time.
     */
    static final class Pipe implements Runnable {
        private static final int BATCH = 256;
        private static final byte[] CLOSE = new byte[0];

        private final InMemoryNetwork network;
        private final InMemoryConnection sender;
        private final InMemoryConnection receiver;
        private final ArrayDeque<Object[]> queue = new ArrayDeque<>();
        private long bufferedBytes;
        private boolean scheduled;
        private boolean aboveHighWatermark;
        private boolean localCloseRequested;
        private boolean discarding;
        private boolean closeNotified;

        Pipe(InMemoryNetwork network, InMemoryConnection sender, InMemoryConnection receiver) {
            this.network = network;
            this.sender = sender;
            this.receiver = receiver;
        }

        synchronized long bufferedBytes() {
            return bufferedBytes;
        }

        void offer(Channel channel, ByteBuffer message) {
            int size = message.remaining();
            synchronized (this) {
                if (discarding) {
                    return; // the receiver is gone; like a datagram into the void
                }
                if (bufferedBytes + size > network.maxBufferedBytes) {
                    aboveHighWatermark = true;
                    throw new BackpressureException(bufferedBytes, network.maxBufferedBytes);
                }
                byte[] copy = new byte[size];
                message.duplicate().get(copy);
                queue.addLast(new Object[] {channel, copy});
                bufferedBytes += size;
                if (bufferedBytes >= network.highWatermarkBytes) {
                    aboveHighWatermark = true;
                }
            }
            schedule();
        }

        void offerClose() {
            synchronized (this) {
                queue.addLast(new Object[] {null, CLOSE});
            }
            schedule();
        }

        void requestLocalClose() {
            synchronized (this) {
                localCloseRequested = true;
            }
            schedule();
        }

        synchronized void discard() {
            discarding = true;
            queue.clear();
            bufferedBytes = 0;
        }

        private void schedule() {
            synchronized (this) {
                if (scheduled) {
                    return;
                }
                scheduled = true;
            }
            try {
                network.delivery.execute(this);
            } catch (RejectedExecutionException e) {
                synchronized (this) {
                    scheduled = false; // network closed: nothing will be delivered any more
                }
            }
        }

        @Override
        public void run() {
            for (int i = 0; i < BATCH; i++) {
                Object[] item;
                boolean notifyWritable = false;
                boolean notifyLocalClose = false;
                synchronized (this) {
                    if (closeNotified) {
                        queue.clear();
                        bufferedBytes = 0;
                        scheduled = false;
                        return;
                    }
                    if (localCloseRequested) {
                        // The receiving end closed itself: what is still queued for it is moot.
                        queue.clear();
                        bufferedBytes = 0;
                        discarding = true;
                        closeNotified = true;
                        notifyLocalClose = true;
                        item = null;
                    } else {
                        item = queue.pollFirst();
                        if (item == null) {
                            scheduled = false;
                            return;
                        }
                        byte[] data = (byte[]) item[1];
                        bufferedBytes -= data.length;
                        if (aboveHighWatermark && bufferedBytes <= network.lowWatermarkBytes) {
                            aboveHighWatermark = false;
                            notifyWritable = true;
                        }
                        if (data == CLOSE) {
                            closeNotified = true;
                            discarding = true;
                            queue.clear();
                            bufferedBytes = 0;
                        }
                    }
                }
                if (notifyLocalClose) {
                    notifyClosed();
                    continue;
                }
                byte[] data = (byte[]) item[1];
                if (data == CLOSE) {
                    receiver.markClosedByPeer();
                    notifyClosed();
                    continue;
                }
                TransportHandler h = receiver.handler();
                if (h != null) {
                    try {
                        h.onMessage(receiver, (Channel) item[0], ByteBuffer.wrap(data));
                    } catch (RuntimeException e) {
                        // A handler bug must not kill the delivery thread or the other connections.
                        org.slf4j.LoggerFactory.getLogger(InMemoryConnection.class)
                                .warn("transport handler threw on message; continuing", e);
                    }
                }
                if (notifyWritable) {
                    TransportHandler s = sender.handler();
                    if (s != null && sender.isOpen()) {
                        s.onWritable(sender);
                    }
                }
            }
            synchronized (this) {
                scheduled = false;
            }
            schedule();
        }

        private void notifyClosed() {
            TransportHandler h = receiver.handler();
            receiver.closedNotified();
            if (h != null) {
                try {
                    h.onClosed(receiver, null);
                } catch (RuntimeException e) {
                    org.slf4j.LoggerFactory.getLogger(InMemoryConnection.class)
                            .warn("transport handler threw on close", e);
                }
            }
        }
    }
}
