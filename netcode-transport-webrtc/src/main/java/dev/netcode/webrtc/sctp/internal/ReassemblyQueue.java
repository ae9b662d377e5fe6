package dev.netcode.webrtc.sctp.internal;

import dev.netcode.webrtc.sctp.SctpProtocolViolationException;
import java.nio.ByteBuffer;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns received DATA chunks into messages (RFC 9260 §6.5, §6.6, §6.9): joins fragments (which
 * occupy consecutive TSNs from a B chunk to an E chunk), then delivers unordered messages at once
 * and ordered ones per stream in SSN order.
 *
 * <p>Delivery is borrowed: the buffer handed to {@link Delivery#deliver} is valid only during that
 * call (a view into the received packet, or the reusable assembly buffer of fragmented messages),
 * so a message delivered at once costs no copy. Only a message that must wait (an ordered message
 * ahead of a missing SSN) is copied, because the packet it came in is gone after this call.
 *
 * <p>Fragments are joined into one assembly buffer per association, reused while it is at most
 * {@value #RETAINED_ASSEMBLY_BYTES} bytes; a larger message gets a buffer of its own that is
 * dropped after its delivery, so an association that once received a 256 KiB message does not
 * keep 256 KiB for the rest of its life.
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
        /**
         * One complete message.
         *
         * @param payload borrowed: position..limit is the message, valid only during this call; copy
         *        what you keep, and do not write to it
         */
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
    /**
     * Largest assembly buffer kept between fragmented messages. Game messages that fragment are a
     * few KiB; 16 KiB covers them while keeping the worst case per association small (a host with
     * hundreds of connections pays it only for connections that receive fragmented messages).
     */
    static final int RETAINED_ASSEMBLY_BYTES = 16 * 1024;

    private final int receiveBufferBytes;
    private final int maxMessageSizeBytes;
    private final Delivery delivery;
    /** Fragments of incomplete messages keyed by TSN. */
    private final Map<Integer, DataChunk> fragments = new HashMap<>();
    private final IntObjectMap<InStream> streams = new IntObjectHashMap<>();
    private long bufferedBytes;
    /** Reused for fragmented messages up to RETAINED_ASSEMBLY_BYTES; null until the first one. */
    private ByteBuffer assembly;

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
            // The decoded chunk's payload is its own buffer: keeping it needs no copy.
            complete(chunk.streamId(), chunk.ssn(), chunk.unordered(), chunk.ppid(), chunk.payload(), false);
            return;
        }
        fragments.put(chunk.tsn(), chunk);
        bufferedBytes += chunk.payload().remaining() + OVERHEAD_BYTES;
        tryAssemble(chunk);
    }

    /**
     * Adds a new (non-duplicate) unfragmented message, B and E set, and delivers whatever became
     * deliverable. {@code payload} is borrowed (valid during this call): the queue copies it only
     * if the message has to wait for an earlier SSN.
     */
    public void addComplete(int streamId, int ssn, boolean unordered, int ppid, ByteBuffer payload) {
        complete(streamId, ssn, unordered, ppid, payload, true);
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
        ByteBuffer whole = assemblyBuffer((int) size);
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
        complete(head.streamId(), head.ssn(), head.unordered(), head.ppid(), whole, whole == assembly);
    }

    /** An empty buffer of at least {@code size} bytes: the reusable one when it may be kept. */
    private ByteBuffer assemblyBuffer(int size) {
        if (size > RETAINED_ASSEMBLY_BYTES) {
            return ByteBuffer.allocate(size); // one-off: dropped after delivery
        }
        if (assembly == null || assembly.capacity() < size) {
            // Powers of two: a growing message size reallocates a handful of times, not per message.
            assembly = ByteBuffer.allocate(Math.min(RETAINED_ASSEMBLY_BYTES, Integer.highestOneBit(Math.max(size, 256) - 1) << 1));
        }
        assembly.clear();
        return assembly;
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

    /**
     * @param borrowed true when {@code payload} is valid only during this call (a packet view or
     *        the assembly buffer), so it must be copied to be held
     */
    private void complete(int streamId, int ssn, boolean unordered, int ppid, ByteBuffer payload, boolean borrowed) {
        if (unordered) {
            delivery.deliver(streamId, ppid, payload);
            return;
        }
        InStream s = streams.get(streamId); // primitive key: no boxing for ids above 127
        if (s == null) {
            s = new InStream();
            streams.put(streamId, s);
        }
        if (ssn == s.nextSsn) {
            s.nextSsn = (s.nextSsn + 1) & 0xFFFF;
            delivery.deliver(streamId, ppid, payload);
            drain(streamId, s);
        } else if (Serial.lt16(s.nextSsn, ssn) && !s.ready.containsKey(ssn)) {
            ByteBuffer held = payload;
            if (borrowed) {
                held = ByteBuffer.allocate(payload.remaining());
                held.put(payload.duplicate()).flip();
            }
            s.ready.put(ssn, new Message(ppid, held));
            bufferedBytes += held.remaining() + OVERHEAD_BYTES;
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
