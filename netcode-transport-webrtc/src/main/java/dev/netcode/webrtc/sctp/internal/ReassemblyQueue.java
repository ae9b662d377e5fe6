package dev.netcode.webrtc.sctp.internal;

import dev.netcode.webrtc.sctp.SctpProtocolViolationException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns received DATA chunks into messages (RFC 9260 §6.5, §6.6, §6.9): joins fragments (which
 * occupy consecutive TSNs from a B chunk to an E chunk), then delivers unordered messages at once
 * and ordered ones per stream in SSN order.
 *
 * <p>Every byte held here counts against the receive buffer; {@link #bufferedBytes()} is what the
 * association subtracts from its advertised window, which is how a compliant peer is kept from
 * overrunning us. A hostile peer that ignores the window has its chunks dropped by
 * {@link #canAccept}.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>A completed ordered message can still wait for an earlier SSN; FORWARD TSN (RFC 3758 §3.6)
 *       must release those up to the skipped SSN, not drop them.</li>
 *   <li>After a stream reset (RFC 6525) the next SSN expected on that stream is 0 again.</li>
 * </ul>
 */
public final class ReassemblyQueue {
    /** Receives complete messages in delivery order. */
    @FunctionalInterface
    public interface Delivery {
        void deliver(int streamId, int ppid, ByteBuffer payload);
    }

    /** Per inbound stream: the next SSN to deliver and completed messages waiting for it. */
    private static final class InStream {
        int nextSsn;
        final Map<Integer, Message> ready = new HashMap<>();
    }

    private record Message(int ppid, ByteBuffer payload) {
    }

    /**
     * Bookkeeping cost charged per held chunk or message on top of its payload, so that a flood of
     * tiny fragments is bounded by the same byte budget as large ones.
     */
    static final int OVERHEAD_BYTES = 64;
    /** A 256 KiB message in ~1,100-byte fragments has ~230; more than this is abuse. */
    static final int MAX_FRAGMENTS_PER_MESSAGE = 4096;

    private final int receiveBufferBytes;
    private final int maxMessageSizeBytes;
    private final Delivery delivery;
    /** Fragments of incomplete messages keyed by TSN. */
    private final Map<Integer, DataChunk> fragments = new HashMap<>();
    private final Map<Integer, InStream> streams = new HashMap<>();
    private long bufferedBytes;

    public ReassemblyQueue(int receiveBufferBytes, int maxMessageSizeBytes, Delivery delivery) {
        this.receiveBufferBytes = receiveBufferBytes;
        this.maxMessageSizeBytes = maxMessageSizeBytes;
        this.delivery = delivery;
    }

    /** Bytes held (fragments and complete messages waiting for their turn). */
    public long bufferedBytes() {
        return bufferedBytes;
    }

    /**
     * Whether a chunk of {@code payloadBytes} fits. The chunk that would advance the cumulative TSN
     * may use one extra maximum message of headroom so that the buffer can always drain.
     */
    public boolean canAccept(int payloadBytes, boolean nextInSequence) {
        long limit = nextInSequence ? (long) receiveBufferBytes + maxMessageSizeBytes : receiveBufferBytes;
        return bufferedBytes + payloadBytes + OVERHEAD_BYTES <= limit;
    }

    /**
     * Adds a new (non-duplicate) DATA chunk and delivers whatever became deliverable.
     *
     * @throws SctpProtocolViolationException if a message grows beyond our advertised maximum size
     */
    public void add(DataChunk chunk) {
        if (chunk.begin() && chunk.end()) {
            complete(chunk.streamId(), chunk.ssn(), chunk.unordered(), chunk.ppid(), chunk.payload());
            return;
        }
        fragments.put(chunk.tsn(), chunk);
        bufferedBytes += chunk.payload().remaining() + OVERHEAD_BYTES;
        tryAssemble(chunk);
    }

    /**
     * Adds a new (non-duplicate) unfragmented message, B and E set, whose {@code payload} the queue
     * may keep, and delivers whatever became deliverable.
     */
    public void addComplete(int streamId, int ssn, boolean unordered, int ppid, ByteBuffer payload) {
        complete(streamId, ssn, unordered, ppid, payload);
    }

    private void tryAssemble(DataChunk chunk) {
        // Walk down to the B fragment and up to the E fragment through consecutive TSNs.
        int first = chunk.tsn();
        long size = chunk.payload().remaining();
        DataChunk c = chunk;
        while (!c.begin()) {
            DataChunk prev = fragments.get(first - 1);
            if (prev == null || prev.end() || !sameMessage(prev, chunk)) {
                checkSize(size);
                return;
            }
            first--;
            size += prev.payload().remaining();
            checkCount(chunk.tsn() - first);
            c = prev;
        }
        int last = chunk.tsn();
        c = chunk;
        while (!c.end()) {
            DataChunk next = fragments.get(last + 1);
            if (next == null || next.begin() || !sameMessage(next, chunk)) {
                checkSize(size);
                return;
            }
            last++;
            size += next.payload().remaining();
            checkCount(last - first);
            c = next;
        }
        checkSize(size);
        ByteBuffer whole = ByteBuffer.allocate((int) size);
        DataChunk head = fragments.get(first);
        for (int tsn = first; ; tsn++) {
            DataChunk f = fragments.remove(tsn);
            bufferedBytes -= f.payload().remaining() + OVERHEAD_BYTES;
            whole.put(f.payload().duplicate());
            if (tsn == last) {
                break;
            }
        }
        whole.flip();
        complete(head.streamId(), head.ssn(), head.unordered(), head.ppid(), whole);
    }

    private static boolean sameMessage(DataChunk a, DataChunk b) {
        return a.streamId() == b.streamId() && a.unordered() == b.unordered() && (a.unordered() || a.ssn() == b.ssn());
    }

    private static void checkCount(int fragmentsMinusOne) {
        if (fragmentsMinusOne >= MAX_FRAGMENTS_PER_MESSAGE) {
            throw new SctpProtocolViolationException("message in more than " + MAX_FRAGMENTS_PER_MESSAGE + " fragments");
        }
    }

    private void checkSize(long size) {
        if (size > maxMessageSizeBytes) {
            throw new SctpProtocolViolationException(
                    "message of at least " + size + " bytes exceeds advertised maximum " + maxMessageSizeBytes);
        }
    }

    private void complete(int streamId, int ssn, boolean unordered, int ppid, ByteBuffer payload) {
        if (unordered) {
            delivery.deliver(streamId, ppid, payload);
            return;
        }
        InStream s = streams.computeIfAbsent(streamId, k -> new InStream());
        if (ssn == s.nextSsn) {
            s.nextSsn = (s.nextSsn + 1) & 0xFFFF;
            delivery.deliver(streamId, ppid, payload);
            drain(streamId, s);
        } else if (Serial.lt16(s.nextSsn, ssn) && !s.ready.containsKey(ssn)) {
            s.ready.put(ssn, new Message(ppid, payload));
            bufferedBytes += payload.remaining() + OVERHEAD_BYTES;
        }
        // else: an SSN already delivered (stale after FORWARD TSN); drop.
    }

    private void drain(int streamId, InStream s) {
        Message m;
        while (!s.ready.isEmpty() && (m = s.ready.remove(s.nextSsn)) != null) {
            bufferedBytes -= m.payload().remaining() + OVERHEAD_BYTES;
            s.nextSsn = (s.nextSsn + 1) & 0xFFFF;
            delivery.deliver(streamId, m.ppid(), m.payload());
        }
    }

    /**
     * FORWARD TSN (RFC 3758 §3.6): forget fragments at or below {@code newCumulativeTsn}, and for
     * each listed ordered stream deliver held messages up to the skipped SSN, then continue after it.
     */
    public void forwardTsn(int newCumulativeTsn, int[] streamIds, int[] ssns) {
        // §3.6: remove partial messages missing a TSN at or below the new cumulative TSN. A message
        // whose fragments run contiguously past that point is still alive and must be kept.
        List<Integer> doomed = new ArrayList<>();
        for (Map.Entry<Integer, DataChunk> e : fragments.entrySet()) {
            if (Serial.le(e.getKey(), newCumulativeTsn) && !survives(e.getValue(), newCumulativeTsn)) {
                doomed.add(e.getKey());
            }
        }
        for (Integer tsn : doomed) {
            bufferedBytes -= fragments.remove(tsn).payload().remaining() + OVERHEAD_BYTES;
        }
        for (int i = 0; i < streamIds.length; i++) {
            InStream s = streams.get(streamIds[i]);
            if (s == null) {
                s = new InStream();
                streams.put(streamIds[i], s);
            }
            int skipped = ssns[i];
            if (Serial.lt16(skipped, s.nextSsn)) {
                continue; // already past it
            }
            List<Integer> held = new ArrayList<>();
            for (Integer k : s.ready.keySet()) {
                if (Serial.le16(k, skipped)) {
                    held.add(k);
                }
            }
            held.sort((a, b) -> (short) (a - b));
            for (Integer k : held) {
                Message m = s.ready.remove(k);
                bufferedBytes -= m.payload().remaining() + OVERHEAD_BYTES;
                delivery.deliver(streamIds[i], m.ppid(), m.payload());
            }
            s.nextSsn = (skipped + 1) & 0xFFFF;
            drain(streamIds[i], s);
        }
    }

    /** Whether the partial message holding {@code chunk} can still complete after a FORWARD TSN. */
    private boolean survives(DataChunk chunk, int newCumulativeTsn) {
        DataChunk c = chunk;
        int tsn = chunk.tsn();
        while (!c.begin()) {
            DataChunk prev = fragments.get(tsn - 1);
            if (prev == null || prev.end() || !sameMessage(prev, chunk)) {
                return false; // its missing predecessor is below the new cumulative TSN
            }
            tsn--;
            c = prev;
        }
        c = chunk;
        tsn = chunk.tsn();
        while (!c.end()) {
            DataChunk next = fragments.get(tsn + 1);
            if (next == null) {
                return Serial.gt(tsn + 1, newCumulativeTsn); // missing TSN may still arrive
            }
            if (next.begin() || !sameMessage(next, chunk)) {
                return false;
            }
            tsn++;
            c = next;
        }
        return true;
    }

    /** Incoming half of a stream reset (RFC 6525 §5.2.2): SSNs start at 0 again. */
    public void resetStream(int streamId) {
        InStream s = streams.remove(streamId);
        if (s != null) {
            for (Message m : s.ready.values()) {
                bufferedBytes -= m.payload().remaining() + OVERHEAD_BYTES;
            }
        }
    }

    /** Resets every inbound stream (a reset request with an empty stream list). */
    public void resetAllStreams() {
        for (Integer id : new ArrayList<>(streams.keySet())) {
            resetStream(id);
        }
    }
}
