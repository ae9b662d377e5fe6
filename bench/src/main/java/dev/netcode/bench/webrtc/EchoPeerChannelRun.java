package dev.netcode.bench.webrtc;

import dev.netcode.webrtc.datachannel.DataChannel;
import dev.netcode.webrtc.datachannel.DataChannelException;
import dev.netcode.webrtc.datachannel.DataChannelListener;
import io.netty.channel.EventLoop;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The dialing side of one echo channel: sends {@code messages} messages (sizes cycled, string and
 * binary alternating), checks every echo byte for byte and by type, and records round-trip times.
 *
 * <p>Pacing: a reliable channel keeps at most {@code windowMessages} messages and
 * {@code windowBytes} bytes waiting for their echo; a partially reliable one, whose messages may
 * never come back, is paced by its own {@code bufferedAmount} instead. A reliable channel is done
 * when every echo came back; a partially reliable one when everything was sent and the echoes
 * stopped for {@link #QUIET_MS}. Ordered channels must echo in order.
 *
 * <p>Every method runs on the connection's event loop, as channel callbacks do.
 */
final class EchoPeerChannelRun implements DataChannelListener {
    /** A partially reliable channel is finished after this long without an echo. */
    static final long QUIET_MS = 1_000;
    private static final long UNRELIABLE_BUFFER_BYTES = 64 * 1024;

    private record Key(boolean binary, ByteBuffer bytes) {
    }

    final EchoPeerChannelSpec spec;
    final CompletableFuture<Void> done = new CompletableFuture<>();
    private final EventLoop loop;
    private final int messages;
    private final int[] sizes;
    private final int windowMessages;
    private final long windowBytes;
    private final Map<Key, ArrayDeque<long[]>> outstanding = new HashMap<>();
    private DataChannel channel;

    int sent;
    int echoed;
    int mismatched;
    long echoedBytes;
    long openedNs;
    long firstSendNs;
    long lastEchoNs;
    long[] rttNs;
    int rttCount;
    String error;
    private long bytesInFlight;
    private long lastIndex = -1;
    private long lastActivityNs;

    EchoPeerChannelRun(EchoPeerChannelSpec spec, EventLoop loop, int messages, int[] sizes, int windowMessages,
            long windowBytes) {
        this.spec = spec;
        this.loop = loop;
        this.messages = messages;
        this.sizes = sizes;
        this.windowMessages = windowMessages;
        this.windowBytes = windowBytes;
        this.rttNs = new long[Math.max(16, Math.min(messages, 1 << 20))];
    }

    /** Message {@code index}: even ones binary, odd ones strings; the index leads when it fits. */
    static boolean isBinary(int index) {
        return index % 2 == 0;
    }

    static byte[] payload(int index, int sizeBytes) {
        byte[] b = new byte[sizeBytes];
        boolean binary = isBinary(index);
        for (int j = 0; j < sizeBytes; j++) {
            int v = index * 131 + j * 7;
            b[j] = binary ? (byte) v : (byte) ('a' + Math.floorMod(v, 26));
        }
        if (binary && sizeBytes >= 4) {
            ByteBuffer.wrap(b).putInt(index);
        } else if (!binary) {
            byte[] digits = (index + ":").getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(digits, 0, b, 0, Math.min(digits.length, sizeBytes));
        }
        return b;
    }

    int size(int index) {
        return sizes[index % sizes.length];
    }

    int lost() {
        return spec.reliable() ? 0 : Math.max(0, sent - echoed - mismatched);
    }

    @Override
    public void onOpen(DataChannel c) {
        channel = c;
        openedNs = System.nanoTime();
        if (messages == 0) {
            done.complete(null);
            return;
        }
        firstSendNs = openedNs;
        lastActivityNs = openedNs;
        if (!spec.reliable()) {
            c.setBufferedAmountLowThreshold(UNRELIABLE_BUFFER_BYTES / 4);
            tick();
        }
        pump();
    }

    /** Partially reliable channels: keep sending while the buffer drains; finish when quiet. */
    private void tick() {
        if (done.isDone()) {
            return;
        }
        pump();
        long now = System.nanoTime();
        if (sent == messages && (echoed + mismatched >= messages
                || now - lastActivityNs > TimeUnit.MILLISECONDS.toNanos(QUIET_MS))) {
            done.complete(null);
            return;
        }
        loop.schedule(this::tick, 5, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onBufferedAmountLow(DataChannel c) {
        pump();
    }

    @Override
    public void onStringMessage(DataChannel c, String message) {
        check(false, message.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void onBinaryMessage(DataChannel c, ByteBuffer message) {
        byte[] b = new byte[message.remaining()];
        message.get(b);
        check(true, b);
    }

    @Override
    public void onError(DataChannel c, DataChannelException e) {
        fail("channel '" + spec.label() + "' error: " + e.getMessage());
    }

    @Override
    public void onClose(DataChannel c) {
        if (!done.isDone()) {
            fail("channel '" + spec.label() + "' closed after " + echoed + " of " + messages + " echoes");
        }
    }

    private void fail(String why) {
        if (error == null) {
            error = why;
        }
        done.complete(null);
    }

    private void check(boolean binary, byte[] bytes) {
        long now = System.nanoTime();
        ArrayDeque<long[]> waiting = outstanding.get(new Key(binary, ByteBuffer.wrap(bytes)));
        if (waiting == null) {
            mismatched++;
            fail("channel '" + spec.label() + "': an echo (" + (binary ? "binary" : "string") + ", " + bytes.length
                    + " bytes) matches no message sent");
            return;
        }
        if (spec.ordered() && !spec.reliable()) {
            // Tiny messages of equal content are indistinguishable: older copies still waiting
            // here were lost (a later one already came back), so they cannot be this echo.
            while (!waiting.isEmpty() && waiting.peek()[0] <= lastIndex) {
                waiting.poll();
            }
        }
        long[] m = waiting.poll();
        if (waiting.isEmpty()) {
            outstanding.remove(new Key(binary, ByteBuffer.wrap(bytes)));
        }
        if (m == null) {
            mismatched++;
            fail("channel '" + spec.label() + "': an echo (" + (binary ? "binary" : "string") + ", " + bytes.length
                    + " bytes) came after a later message on an ordered channel");
            return;
        }
        if (spec.ordered() && m[0] <= lastIndex) {
            mismatched++;
            fail("channel '" + spec.label() + "': echo of message " + m[0] + " after message " + lastIndex
                    + " on an ordered channel");
            return;
        }
        lastIndex = Math.max(lastIndex, m[0]);
        if (rttCount == rttNs.length) {
            rttNs = Arrays.copyOf(rttNs, rttNs.length * 2);
        }
        rttNs[rttCount++] = now - m[1];
        echoed++;
        echoedBytes += bytes.length;
        bytesInFlight -= bytes.length;
        lastEchoNs = now;
        lastActivityNs = now;
        if (spec.reliable() && echoed == messages) {
            done.complete(null);
            return;
        }
        pump();
    }

    private void pump() {
        DataChannel c = channel;
        // No re-entrancy guard: onBufferedAmountLow is queued by the DataChannel layer, never
        // fired inside send(), so pump() cannot run again while `sent` names a message in flight.
        if (c == null || done.isDone()) {
            return;
        }
        try {
            while (sent < messages && mayFit()) {
                int index = sent;
                byte[] bytes = payload(index, size(index));
                boolean binary = isBinary(index);
                long now = System.nanoTime();
                outstanding.computeIfAbsent(new Key(binary, ByteBuffer.wrap(bytes)), k -> new ArrayDeque<>())
                        .add(new long[] {index, now});
                if (binary) {
                    c.send(bytes);
                } else {
                    c.send(new String(bytes, StandardCharsets.US_ASCII));
                }
                sent++;
                bytesInFlight += bytes.length;
                lastActivityNs = now;
            }
        } catch (DataChannelException e) {
            fail("channel '" + spec.label() + "': send " + sent + " failed: " + e.getMessage());
        }
    }

    private boolean mayFit() {
        if (!spec.reliable()) {
            return channel.bufferedAmount() < UNRELIABLE_BUFFER_BYTES;
        }
        int waiting = sent - echoed;
        return waiting == 0 || waiting < windowMessages && bytesInFlight + size(sent) <= windowBytes;
    }
}
