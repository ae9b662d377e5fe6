package dev.netcode.webrtc.impairment;

import java.net.InetSocketAddress;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * The relay's bounded schedule of datagrams waiting to leave, on an explicit clock (the caller
 * passes {@code nowNanos}), so its behaviour is tested without sockets or sleeping.
 *
 * <p>Rules (see {@link ImpairmentConfig}): per direction a FIFO link (a datagram is due no
 * earlier than its predecessor), a duplicate is due together with and right after its original,
 * a reordered datagram is held in a one-slot bay per direction until the next datagram of that
 * direction has been scheduled (it then follows it) or until its hold deadline. If a second
 * datagram is chosen for reordering while the bay is occupied, it is scheduled normally (it is
 * the "next" datagram that releases the first), so the reorder counter counts real holds only.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Not thread-safe; the relay guards it with its lock.</li>
 *   <li>Bounded: {@link #offer} refuses what would exceed the datagram or byte cap.</li>
 * </ul>
 */
final class DelayLine {

    /** One scheduled datagram. */
    record Entry(Direction direction, InetSocketAddress destination, byte[] payload, long dueNanos, long sequence) {
    }

    /** {@link #offer} result bits. */
    static final int OVERFLOW = 0;
    static final int QUEUED = 1;
    static final int DUPLICATED = 2;
    static final int HELD = 4;

    private final PriorityQueue<Entry> queue = new PriorityQueue<>(
            Comparator.comparingLong(Entry::dueNanos).thenComparingLong(Entry::sequence));
    // Indexed by Direction.ordinal(): the hold bay and the FIFO floor of each direction.
    private final Entry[] held = new Entry[Direction.values().length];
    private final long[] lastDueNanos = new long[Direction.values().length];
    private final int maxDatagrams;
    private final long maxBytes;
    private final long holdNanos;
    private long sequence;
    private int size;
    private long bytes;

    DelayLine(ImpairmentConfig config) {
        this.maxDatagrams = config.maxQueuedDatagrams();
        this.maxBytes = config.maxQueuedBytes();
        this.holdNanos = config.reorderHoldMs() * 1_000_000L;
        java.util.Arrays.fill(lastDueNanos, Long.MIN_VALUE);
    }

    /**
     * Schedules {@code payload} (which the line takes ownership of) per {@code fate}.
     *
     * @return {@link #OVERFLOW} when refused, else {@link #QUEUED} or {@link #HELD}, plus
     *     {@link #DUPLICATED} when a copy was scheduled too
     */
    int offer(Direction direction, InetSocketAddress destination, byte[] payload, DatagramFate fate, long nowNanos) {
        if (fate.drop()) {
            throw new IllegalArgumentException("a dropped datagram is not offered");
        }
        if (!fits(1, payload.length)) {
            return OVERFLOW;
        }
        boolean duplicate = fate.duplicate() && fits(2, payload.length);
        long due = Math.max(nowNanos + fate.delayNanos(), lastDueNanos[direction.ordinal()]);
        int slot = direction.ordinal();
        if (fate.reorder() && held[slot] == null) {
            held[slot] = new Entry(direction, destination, payload, due + holdNanos, sequence++);
            account(payload.length);
            if (duplicate) {
                // The copy keeps the original's FIFO place, so it arrives before the held original.
                schedule(new Entry(direction, destination, payload, due, sequence++));
                return HELD | DUPLICATED;
            }
            return HELD;
        }
        schedule(new Entry(direction, destination, payload, due, sequence++));
        if (duplicate) {
            // Same due time, next sequence: the copy leaves right behind the original.
            schedule(new Entry(direction, destination, payload, due, sequence++));
        }
        Entry waiting = held[slot];
        if (waiting != null) {
            held[slot] = null;
            // The datagram held back follows this one: the two are swapped. Already accounted.
            queue.add(new Entry(direction, waiting.destination(), waiting.payload(), due, sequence++));
        }
        return duplicate ? QUEUED | DUPLICATED : QUEUED;
    }

    private void schedule(Entry entry) {
        queue.add(entry);
        lastDueNanos[entry.direction().ordinal()] = entry.dueNanos();
        account(entry.payload().length);
    }

    private void account(int length) {
        size++;
        bytes += length;
    }

    private boolean fits(int count, int length) {
        return size + count <= maxDatagrams && bytes + (long) count * length <= maxBytes;
    }

    /** Removes and returns the next datagram due at {@code nowNanos}, or null if none is due yet. */
    Entry poll(long nowNanos) {
        releaseExpiredHolds(nowNanos);
        Entry head = queue.peek();
        if (head == null || head.dueNanos() > nowNanos) {
            return null;
        }
        queue.poll();
        size--;
        bytes -= head.payload().length;
        return head;
    }

    private void releaseExpiredHolds(long nowNanos) {
        for (int slot = 0; slot < held.length; slot++) {
            Entry waiting = held[slot];
            if (waiting != null && waiting.dueNanos() <= nowNanos) {
                held[slot] = null;
                long due = Math.max(waiting.dueNanos(), lastDueNanos[slot]);
                queue.add(new Entry(waiting.direction(), waiting.destination(), waiting.payload(), due, sequence++));
                lastDueNanos[slot] = due;
            }
        }
    }

    /** When the next datagram becomes due (a queued one or a hold deadline); {@code Long.MAX_VALUE} if empty. */
    long nextDueNanos() {
        long next = Long.MAX_VALUE;
        Entry head = queue.peek();
        if (head != null) {
            next = head.dueNanos();
        }
        for (Entry waiting : held) {
            if (waiting != null) {
                next = Math.min(next, waiting.dueNanos());
            }
        }
        return next;
    }

    /** Datagrams waiting, held ones included. */
    int size() {
        return size;
    }

    /** Payload bytes waiting, held ones included. */
    long bytes() {
        return bytes;
    }

    void clear() {
        queue.clear();
        java.util.Arrays.fill(held, null);
        size = 0;
        bytes = 0;
    }
}
