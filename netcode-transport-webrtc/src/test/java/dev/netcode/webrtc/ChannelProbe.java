package dev.netcode.webrtc;

import dev.netcode.webrtc.datachannel.DataChannel;
import dev.netcode.webrtc.datachannel.DataChannelException;
import dev.netcode.webrtc.datachannel.DataChannelListener;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Records what a channel reports: open, close, messages (bounded by the test), errors, low events. */
class ChannelProbe implements DataChannelListener {
    final CompletableFuture<DataChannel> opened = new CompletableFuture<>();
    final CompletableFuture<DataChannel> closed = new CompletableFuture<>();
    final LinkedBlockingQueue<AcceptanceMessage> messages = new LinkedBlockingQueue<>();
    final List<DataChannelException> errors = new CopyOnWriteArrayList<>();
    final AtomicInteger lowEvents = new AtomicInteger();
    final AtomicLong receivedBytes = new AtomicLong();
    final AtomicInteger closes = new AtomicInteger();
    /** {@code bufferedAmount} when the latest low event fired. */
    volatile long bufferedAmountAtLowEvent = -1;
    /** When false, messages are only counted in {@link #receivedBytes}. */
    volatile boolean keepMessages = true;

    @Override
    public void onOpen(DataChannel channel) {
        opened.complete(channel);
    }

    @Override
    public void onStringMessage(DataChannel channel, String message) {
        byte[] b = message.getBytes(StandardCharsets.UTF_8);
        receivedBytes.addAndGet(b.length);
        if (keepMessages) {
            messages.add(new AcceptanceMessage(false, b));
        }
    }

    @Override
    public void onBinaryMessage(DataChannel channel, ByteBuffer message) {
        receivedBytes.addAndGet(message.remaining());
        if (keepMessages) {
            byte[] b = new byte[message.remaining()];
            message.get(b);
            messages.add(new AcceptanceMessage(true, b));
        }
    }

    @Override
    public void onBufferedAmountLow(DataChannel channel) {
        bufferedAmountAtLowEvent = channel.bufferedAmount();
        lowEvents.incrementAndGet();
    }

    @Override
    public void onError(DataChannel channel, DataChannelException error) {
        errors.add(error);
    }

    @Override
    public void onClose(DataChannel channel) {
        closes.incrementAndGet();
        closed.complete(channel);
    }

    /** The next message, or an AssertionError after {@code timeoutMs}. */
    AcceptanceMessage next(long timeoutMs) throws InterruptedException {
        AcceptanceMessage m = messages.poll(timeoutMs, TimeUnit.MILLISECONDS);
        if (m == null) {
            throw new AssertionError("no message within " + timeoutMs + " ms");
        }
        return m;
    }
}
