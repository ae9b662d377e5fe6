package dev.netcode.webrtc;

import dev.netcode.webrtc.datachannel.DataChannel;
import dev.netcode.webrtc.datachannel.DataChannelException;
import dev.netcode.webrtc.datachannel.DataChannelListener;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The checking end of an echo exchange on a reliable channel: sends its messages with a bounded
 * window (bytes and messages not yet echoed) as soon as the channel opens and checks every echo
 * byte for byte and by type, in order ({@code ordered}) or as a multiset (unordered channels).
 * {@link #done} completes when every message came back, or fails with the first difference, an
 * error or a close.
 *
 * <p>Runs on the connection's event loop like every channel callback.
 */
final class EchoChecker implements DataChannelListener {
    final String name;
    final CompletableFuture<Void> done = new CompletableFuture<>();
    final CompletableFuture<DataChannel> opened = new CompletableFuture<>();
    private final List<AcceptanceMessage> messages;
    private final boolean ordered;
    private final long windowBytes;
    private final int windowMessages;
    /** Unordered: messages sent and not yet echoed, by content. */
    private final Map<AcceptanceMessage.Key, Integer> outstanding = new HashMap<>();
    private int sent;
    private volatile int received;
    private long bytesInFlight;
    private volatile long maxBufferedAmount;
    private long startNs;
    private volatile long elapsedNs;

    EchoChecker(String name, List<AcceptanceMessage> messages, boolean ordered, long windowBytes, int windowMessages) {
        this.name = name;
        this.messages = messages;
        this.ordered = ordered;
        this.windowBytes = windowBytes;
        this.windowMessages = windowMessages;
    }

    /** A checker with the default window: 1 MiB and 128 messages. */
    static EchoChecker of(String name, List<AcceptanceMessage> messages, boolean ordered) {
        return new EchoChecker(name, messages, ordered, 1024 * 1024, 128);
    }

    int received() {
        return received;
    }

    long maxBufferedAmount() {
        return maxBufferedAmount;
    }

    double megabytesPerSecond() {
        long total = AcceptanceMessage.totalBytes(messages);
        return elapsedNs == 0 ? 0 : 2.0 * total / 1e6 / (elapsedNs / 1e9); // both directions
    }

    @Override
    public void onOpen(DataChannel channel) {
        opened.complete(channel);
        startNs = System.nanoTime();
        if (messages.isEmpty()) {
            done.complete(null);
            return;
        }
        pump(channel);
    }

    @Override
    public void onStringMessage(DataChannel channel, String message) {
        check(channel, false, message.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void onBinaryMessage(DataChannel channel, ByteBuffer message) {
        byte[] b = new byte[message.remaining()];
        message.get(b);
        check(channel, true, b);
    }

    @Override
    public void onError(DataChannel channel, DataChannelException error) {
        fail(new AssertionError(name + ": channel error after " + received + " echoes", error));
    }

    @Override
    public void onClose(DataChannel channel) {
        fail(new AssertionError(name + ": channel closed after " + received + " of " + messages.size() + " echoes"));
    }

    private void fail(Throwable t) {
        done.completeExceptionally(t);
        opened.completeExceptionally(t);
    }

    private void check(DataChannel channel, boolean binary, byte[] bytes) {
        if (done.isDone()) {
            if (!done.isCompletedExceptionally()) {
                done.obtrudeException(new AssertionError(name + ": an extra echo " + (binary ? "binary" : "string")
                        + "[" + bytes.length + " B] after all " + messages.size() + " came back"));
            }
            return;
        }
        int i = received;
        if (ordered) {
            AcceptanceMessage expected = messages.get(i);
            if (expected.binary() != binary || !Arrays.equals(expected.bytes(), bytes)) {
                fail(new AssertionError(name + ": echo " + i + " differs: sent " + expected + ", got "
                        + (binary ? "binary" : "string") + "[" + bytes.length + " B]"));
                return;
            }
        } else {
            AcceptanceMessage.Key key = AcceptanceMessage.keyOf(binary, bytes);
            Integer n = outstanding.get(key);
            if (n == null) {
                fail(new AssertionError(name + ": echo " + (binary ? "binary" : "string") + "[" + bytes.length
                        + " B] matches no message in flight"));
                return;
            }
            if (n == 1) {
                outstanding.remove(key);
            } else {
                outstanding.put(key, n - 1);
            }
        }
        bytesInFlight -= bytes.length;
        received = i + 1;
        if (received == messages.size()) {
            elapsedNs = System.nanoTime() - startNs;
            done.complete(null);
        } else {
            pump(channel);
        }
    }

    private void pump(DataChannel channel) {
        try {
            while (sent < messages.size() && (sent == received
                    || sent - received < windowMessages && bytesInFlight + messages.get(sent).bytes().length <= windowBytes)) {
                AcceptanceMessage m = messages.get(sent++);
                if (!ordered) {
                    outstanding.merge(m.key(), 1, Integer::sum);
                }
                bytesInFlight += m.bytes().length;
                if (m.binary()) {
                    channel.send(m.bytes());
                } else {
                    channel.send(m.text());
                }
                maxBufferedAmount = Math.max(maxBufferedAmount, channel.bufferedAmount());
            }
        } catch (RuntimeException e) {
            fail(new AssertionError(name + ": send " + (sent - 1) + " failed", e));
        }
    }
}
