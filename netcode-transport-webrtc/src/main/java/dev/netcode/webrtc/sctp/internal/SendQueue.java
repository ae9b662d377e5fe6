package dev.netcode.webrtc.sctp.internal;

import java.nio.ByteBuffer;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;
import java.util.ArrayDeque;

/**
 * Messages accepted by {@code send()} and not yet cut into DATA chunks, per outgoing stream, with
 * round-robin between streams at message boundaries (fragments of one message must take
 * consecutive TSNs, RFC 9260 §6.9, so a message is finished before switching streams).
 *
 * <p>Its byte counts are the W3C {@code bufferedAmount}: bytes the application handed over that
 * have not been put on the wire yet. Each stream has a low threshold; crossing it downward fires
 * the {@link Listener}. Control messages ({@link OutboundMessage#createControl}, e.g. DCEP) count
 * toward the total (the send buffer limit) but not toward a stream's {@code bufferedAmount}, so
 * they never fire a low-threshold event the application did not cause.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>The SSN of an ordered message is assigned when its first fragment is cut, so messages
 *       that expire while still queued consume no SSN and need no FORWARD TSN.</li>
 *   <li>A stream being reset still sends what was queued before the reset (the association
 *       refuses new messages on it); its reset request goes out once it has drained, and
 *       {@link #resetOutgoing} then restarts its SSNs at 0.</li>
 * </ul>
 */
public final class SendQueue {
    /** Told when a stream's queued bytes cross its low threshold downward. */
    @FunctionalInterface
    public interface Listener {
        void onBufferedAmountLow(int streamId);
    }

    private static final class OutStream {
        final int id;
        /** Small at first (a game stream rarely queues more than a message or two); grows as needed. */
        final ArrayDeque<OutboundMessage> queue = new ArrayDeque<>(2);
        long bufferedBytes;
        long lowThresholdBytes;
        int nextSsn;
        boolean active;

        OutStream(int id) {
            this.id = id;
        }
    }

    private final IntObjectMap<OutStream> streams = new IntObjectHashMap<>();
    /** Streams with queued messages, in round-robin order. */
    private final ArrayDeque<OutStream> active = new ArrayDeque<>();
    private final Listener listener;
    private OutStream current;
    private long totalBufferedBytes;

    public SendQueue(Listener listener) {
        this.listener = listener;
    }

    public long totalBufferedBytes() {
        return totalBufferedBytes;
    }

    public long bufferedBytes(int streamId) {
        OutStream s = streams.get(streamId);
        return s == null ? 0 : s.bufferedBytes;
    }

    public void setLowThreshold(int streamId, long bytes) {
        stream(streamId).lowThresholdBytes = bytes;
    }

    public boolean isEmpty() {
        return totalBufferedBytes == 0 && current == null && active.isEmpty();
    }

    /** Whether {@code streamId} has no queued or partly sent message. */
    public boolean isStreamDrained(int streamId) {
        OutStream s = streams.get(streamId);
        return s == null || (s.queue.isEmpty() && current != s);
    }

    private OutStream stream(int id) {
        OutStream s = streams.get(id);
        if (s == null) {
            s = new OutStream(id);
            streams.put(id, s);
        }
        return s;
    }

    public void add(OutboundMessage m) {
        OutStream s = stream(m.streamId);
        s.queue.add(m);
        if (m.userData) {
            s.bufferedBytes += m.sizeBytes;
        }
        totalBufferedBytes += m.sizeBytes;
        if (!s.active && current != s) {
            s.active = true;
            active.add(s);
        }
    }

    /**
     * Cuts the next DATA chunk of at most {@code maxPayloadBytes}, or returns null when nothing is
     * queued. Expired or abandoned messages are discarded on the way; for one that was partly sent
     * a {@link OutboundChunk#isPlaceholder() placeholder} is returned, which must not be sent.
     *
     */
    public OutboundChunk next(int maxPayloadBytes, int tsn, long nowNanos) {
        while (true) {
            if (current == null && !selectNext()) {
                return null;
            }
            OutStream s = current;
            OutboundMessage m = s.queue.peek();
            if (m.abandoned || m.expired(nowNanos)) {
                // Abandoned (RFC 3758 §3.5 A3): drop the unsent rest.
                m.abandoned = true;
                boolean started = m.started();
                s.queue.poll();
                consume(s, m, m.payload.remaining());
                m.payload.position(m.payload.limit());
                finishMessage(s);
                if (started) {
                    // Fragments are already out: the receiver holds them and (if ordered) waits for
                    // this SSN. A never-sent END placeholder takes the next TSN so that the
                    // FORWARD TSN can cover the whole message and carry its SSN.
                    int flags = DataChunk.FLAG_END | (m.ordered ? 0 : DataChunk.FLAG_UNORDERED);
                    DataChunk end = new DataChunk(flags, tsn, m.streamId, m.ordered ? m.ssn : 0, m.ppid,
                            ByteBuffer.allocate(0));
                    OutboundChunk placeholder = new OutboundChunk(end, m);
                    placeholder.placeholder = true;
                    return placeholder;
                }
                continue;
            }
            boolean begin = !m.started();
            if (begin && m.ordered) {
                m.ssn = s.nextSsn;
                s.nextSsn = (s.nextSsn + 1) & 0xFFFF;
            }
            int n = Math.min(maxPayloadBytes, m.payload.remaining());
            ByteBuffer slice = m.payload.slice();
            slice.limit(n);
            m.payload.position(m.payload.position() + n);
            boolean end = !m.payload.hasRemaining();
            int flags = (begin ? DataChunk.FLAG_BEGIN : 0) | (end ? DataChunk.FLAG_END : 0)
                    | (m.ordered ? 0 : DataChunk.FLAG_UNORDERED);
            DataChunk chunk = new DataChunk(flags, tsn, m.streamId, m.ordered ? m.ssn : 0, m.ppid, slice);
            consume(s, m, n);
            if (end) {
                s.queue.poll();
                finishMessage(s);
            }
            return new OutboundChunk(chunk, m);
        }
    }

    private boolean selectNext() {
        int n = active.size();
        for (int i = 0; i < n; i++) {
            OutStream s = active.poll();
            if (s.queue.isEmpty()) {
                s.active = false;
                continue;
            }
            s.active = false;
            current = s;
            return true;
        }
        return false;
    }

    /** After a message completes, rotate: the stream goes to the back if it has more. */
    private void finishMessage(OutStream s) {
        current = null;
        if (!s.queue.isEmpty() && !s.active) {
            s.active = true;
            active.add(s);
        }
    }

    private void consume(OutStream s, OutboundMessage m, int bytes) {
        if (!m.userData) {
            totalBufferedBytes -= bytes;
            return;
        }
        long before = s.bufferedBytes;
        s.bufferedBytes -= bytes;
        totalBufferedBytes -= bytes;
        if (before > s.lowThresholdBytes && s.bufferedBytes <= s.lowThresholdBytes) {
            listener.onBufferedAmountLow(s.id);
        }
    }

    /** Outgoing half of a stream reset completed: SSNs restart at 0 (RFC 6525 §5.2.2). */
    public void resetOutgoing(int streamId) {
        OutStream s = streams.get(streamId);
        if (s != null) {
            s.nextSsn = 0;
            if (s.queue.isEmpty() && current != s && s.lowThresholdBytes == 0) {
                streams.remove(streamId);
            }
        }
    }

    /** Drops everything (abort). */
    public void clear() {
        streams.clear();
        active.clear();
        current = null;
        totalBufferedBytes = 0;
    }
}
