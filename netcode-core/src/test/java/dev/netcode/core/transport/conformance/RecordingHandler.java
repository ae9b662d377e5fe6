package dev.netcode.core.transport.conformance;

import dev.netcode.core.Channel;
import dev.netcode.core.transport.TransportConnection;
import dev.netcode.core.transport.TransportHandler;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link TransportHandler} that records what arrives, optionally blocking once to simulate a slow receiver. */
public final class RecordingHandler implements TransportHandler {
    public record Message(Channel channel, byte[] data) {}

    private final List<Message> messages = new ArrayList<>();
    public final AtomicInteger closedCount = new AtomicInteger();
    public final AtomicInteger writableCount = new AtomicInteger();
    public final AtomicInteger concurrentCalls = new AtomicInteger();
    public volatile long closedAtNanos;
    public volatile int messagesAfterClose;
    private volatile CountDownLatch gate;
    private final AtomicInteger inside = new AtomicInteger();

    /** The next onMessage blocks until {@link #openGate()} (at most 30 s). */
    public void closeGate() {
        gate = new CountDownLatch(1);
    }

    public void openGate() {
        CountDownLatch g = gate;
        gate = null;
        if (g != null) {
            g.countDown();
        }
    }

    @Override
    public void onMessage(TransportConnection connection, Channel channel, ByteBuffer message) {
        if (inside.incrementAndGet() > 1) {
            concurrentCalls.incrementAndGet();
        }
        try {
            byte[] copy = new byte[message.remaining()];
            message.get(copy);
            synchronized (messages) {
                messages.add(new Message(channel, copy));
            }
            if (closedCount.get() > 0) {
                messagesAfterClose++;
            }
            CountDownLatch g = gate;
            if (g != null) {
                try {
                    g.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        } finally {
            inside.decrementAndGet();
        }
    }

    @Override
    public void onWritable(TransportConnection connection) {
        writableCount.incrementAndGet();
    }

    @Override
    public void onClosed(TransportConnection connection, Throwable cause) {
        if (inside.incrementAndGet() > 1) {
            concurrentCalls.incrementAndGet();
        }
        closedAtNanos = System.nanoTime();
        closedCount.incrementAndGet();
        inside.decrementAndGet();
    }

    public List<Message> messages() {
        synchronized (messages) {
            return new ArrayList<>(messages);
        }
    }

    public int size() {
        synchronized (messages) {
            return messages.size();
        }
    }
}
