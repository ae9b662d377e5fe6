package dev.netcode.webrtc.datachannel;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An echo peer: every message received on every channel goes back on the same channel with the
 * same type (string or binary), byte for byte. This is what {@code ./netcode echo-peer serve}
 * runs, and the reference peer of the data channel tests.
 *
 * <pre>{@code
 * DataChannelEcho echo = new DataChannelEcho(DataChannelEcho.DEFAULT_MAX_BACKLOG_BYTES);
 * DataChannelManager channels = new DataChannelManager(scheduler, dtlsClient, 1024, echo);
 * echo.serve(channels.createDataChannel("also-local", params)); // optional: echo on our own channels too
 * }</pre>
 *
 * <h2>Backpressure</h2>
 * An echo can receive faster than it may send (the return path is slower, or the association's
 * send buffer is full). Echoes that do not fit are kept in a per-channel backlog, in order, and
 * sent when any channel reports {@code onBufferedAmountLow}. The backlog is bounded: a channel
 * whose backlog would exceed {@code maxBacklogBytes} is closed, so a peer that never reads its
 * echoes cannot grow our heap.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>The echo owns the channels it serves: it sets their listener and low threshold.</li>
 *   <li>On partially reliable channels echoes may be lost like any message; nothing retries them.</li>
 *   <li>Runs on the association's thread like every channel callback; it never blocks.</li>
 * </ul>
 */
public final class DataChannelEcho implements DataChannelManager.Listener, DataChannelListener {
    private static final Logger log = LoggerFactory.getLogger(DataChannelEcho.class);
    /** Default bound of one channel's backlog. */
    public static final long DEFAULT_MAX_BACKLOG_BYTES = 64L * 1024 * 1024;
    /**
     * Backlogs are refilled when a channel's queue drains completely. Any higher threshold can
     * deadlock: the send buffer is shared, so it may be full while no single stream ever held more
     * than the threshold, and then no stream would report crossing it.
     */
    private static final long REFILL_THRESHOLD_BYTES = 0;

    /** A string or binary echo waiting for room. */
    private record Pending(String text, ByteBuffer binary, long sizeBytes) {
    }

    private static final class Backlog {
        final ArrayDeque<Pending> queue = new ArrayDeque<>();
        long bytes;
    }

    private final long maxBacklogBytes;
    private final Map<DataChannel, Backlog> backlogs = new HashMap<>();
    private long echoedMessages;
    private long echoedBytes;
    private long overflowedChannels;

    public DataChannelEcho(long maxBacklogBytes) {
        if (maxBacklogBytes < 0) {
            throw new IllegalArgumentException("maxBacklogBytes must be >= 0");
        }
        this.maxBacklogBytes = maxBacklogBytes;
    }

    /** Echoes on {@code channel} (one we created; the peer's channels are served automatically). */
    public void serve(DataChannel channel) {
        channel.setListener(this);
        channel.setBufferedAmountLowThreshold(REFILL_THRESHOLD_BYTES);
    }

    @Override
    public void onDataChannel(DataChannel channel) {
        serve(channel);
    }

    @Override
    public void onStringMessage(DataChannel channel, String message) {
        echo(channel, new Pending(message, null, message.length()));
    }

    @Override
    public void onBinaryMessage(DataChannel channel, ByteBuffer message) {
        echo(channel, new Pending(null, message, message.remaining()));
    }

    @Override
    public void onBufferedAmountLow(DataChannel channel) {
        // Room anywhere may be room for everyone: the send buffer is shared by all channels.
        for (DataChannel c : backlogs.keySet().toArray(new DataChannel[0])) {
            drain(c);
        }
    }

    @Override
    public void onClose(DataChannel channel) {
        backlogs.remove(channel);
    }

    /** Messages echoed so far. */
    public long echoedMessages() {
        return echoedMessages;
    }

    /** Payload bytes echoed so far (UTF-16 units for strings). */
    public long echoedBytes() {
        return echoedBytes;
    }

    /** Channels closed because their backlog hit the bound. */
    public long overflowedChannels() {
        return overflowedChannels;
    }

    /** Bytes waiting in all backlogs. */
    public long backlogBytes() {
        long n = 0;
        for (Backlog b : backlogs.values()) {
            n += b.bytes;
        }
        return n;
    }

    private void echo(DataChannel channel, Pending p) {
        Backlog backlog = backlogs.get(channel);
        if (backlog == null && trySend(channel, p)) {
            return;
        }
        if (channel.readyState() != DataChannelState.OPEN) {
            return;
        }
        if (backlog == null) {
            backlog = new Backlog();
            backlogs.put(channel, backlog);
        }
        if (backlog.bytes + p.sizeBytes() > maxBacklogBytes) {
            overflowedChannels++;
            log.warn("echo backlog of channel '{}' above {} bytes: closing it", channel.label(), maxBacklogBytes);
            backlogs.remove(channel);
            channel.close();
            return;
        }
        backlog.queue.add(p);
        backlog.bytes += p.sizeBytes();
    }

    private void drain(DataChannel channel) {
        Backlog backlog = backlogs.get(channel);
        if (backlog == null) {
            return;
        }
        while (!backlog.queue.isEmpty()) {
            Pending p = backlog.queue.peek();
            if (!trySend(channel, p)) {
                if (channel.readyState() != DataChannelState.OPEN) {
                    backlogs.remove(channel);
                }
                return;
            }
            backlog.queue.poll();
            backlog.bytes -= p.sizeBytes();
        }
        backlogs.remove(channel);
    }

    /** True when sent; false when there is no room now (or the channel is no longer open). */
    private boolean trySend(DataChannel channel, Pending p) {
        if (channel.readyState() != DataChannelState.OPEN) {
            return false;
        }
        try {
            if (p.text() != null) {
                channel.send(p.text());
            } else {
                channel.send(p.binary());
            }
        } catch (DataChannelException e) {
            if (e.kind() == DataChannelException.Kind.SEND_BUFFER_FULL) {
                return false;
            }
            // Too large for the peer, or the channel is closing: this echo cannot be delivered.
            log.debug("echo on channel '{}' dropped: {}", channel.label(), e.getMessage());
            return true;
        }
        echoedMessages++;
        echoedBytes += p.sizeBytes();
        return true;
    }
}
