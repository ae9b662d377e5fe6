package dev.netcode.webrtc.turn;

import dev.netcode.webrtc.datachannel.DataChannel;
import dev.netcode.webrtc.datachannel.DataChannelException;
import dev.netcode.webrtc.datachannel.DataChannelListener;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * The checking end of an echo exchange on a reliable ordered channel, for the TURN tests: sends
 * its messages with at most {@code window} unanswered as soon as the channel opens and checks each
 * echo byte for byte, in order. {@link #done} completes when all came back, or fails with the
 * first difference, a channel error or a close. Runs on the connection's event loop.
 */
final class RelayEcho implements DataChannelListener {
    final List<byte[]> messages;
    final CompletableFuture<Void> done = new CompletableFuture<>();
    private final int window;
    volatile int received;
    private int sent;

    RelayEcho(List<byte[]> messages, int window) {
        this.messages = messages;
        this.window = window;
    }

    /**
     * {@code count} seeded random messages of 1..1,500 bytes, every hundredth 16 KiB (several SCTP
     * fragments through the relay).
     */
    static List<byte[]> messages(Random random, int count) {
        List<byte[]> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] m = new byte[i % 100 == 0 ? 16_384 : 1 + random.nextInt(1_500)];
            random.nextBytes(m);
            list.add(m);
        }
        return list;
    }

    @Override
    public void onOpen(DataChannel channel) {
        pump(channel);
    }

    @Override
    public void onBinaryMessage(DataChannel channel, ByteBuffer message) {
        byte[] got = new byte[message.remaining()];
        message.get(got);
        int i = received;
        if (i >= messages.size()) {
            done.obtrudeException(new AssertionError("an extra echo of " + got.length + " B after all " + i));
            return;
        }
        if (!Arrays.equals(messages.get(i), got)) {
            done.completeExceptionally(new AssertionError("echo " + i + " differs: sent " + messages.get(i).length
                    + " B, got " + got.length + " B"));
            return;
        }
        received = i + 1;
        if (received == messages.size()) {
            done.complete(null);
        } else {
            pump(channel);
        }
    }

    @Override
    public void onStringMessage(DataChannel channel, String message) {
        done.completeExceptionally(new AssertionError("a string echo to binary messages: " + message.length() + " chars"));
    }

    @Override
    public void onError(DataChannel channel, DataChannelException error) {
        done.completeExceptionally(error);
    }

    @Override
    public void onClose(DataChannel channel) {
        done.completeExceptionally(new AssertionError("channel closed after " + received + " of " + messages.size() + " echoes"));
    }

    private void pump(DataChannel channel) {
        try {
            while (sent < messages.size() && sent - received < window) {
                channel.send(messages.get(sent++));
            }
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
    }
}
