package dev.netcode.core.conditioner;

import dev.netcode.core.Channel;
import java.util.ArrayDeque;
import java.util.SplittableRandom;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One direction of a conditioned link. Decides for every message when (and whether, and how often)
 * it comes out, and hands it to a {@link Sink} on the conditioner's single thread.
 *
 * <p>Reliable messages go through a FIFO whose due times never decrease: a "lost" reliable message
 * is delayed by a retransmission time and everything behind it waits (head-of-line blocking, as
 * SCTP's ordered delivery does), so exactly-once in-order delivery is preserved. Unreliable
 * messages are scheduled independently and really dropped, duplicated and reordered.
 */
final class DelayLine {
    /** Sink of due messages; runs on the conditioner thread only. */
    interface Sink {
        void deliver(Channel channel, byte[] data);

        /** The end marker queued by {@link #submitEnd()} came due. */
        void end();
    }

    /** A router queue holds at most this much time of data before it tail-drops unreliable packets. */
    private static final long MAX_QUEUE_DELAY_NANOS = 1_000_000_000L;
    private static final int MAX_RETRANSMISSIONS = 12;
    private static final long HELD = Long.MAX_VALUE;
    private static final byte[] END = new byte[0];

    private record Pending(long dueNanos, Channel channel, byte[] data) {}

    private final ScheduledExecutorService executor;
    private final LinkConditions conditions;
    private final SplittableRandom random;
    private final BooleanSupplier blackout;
    private final Sink sink;
    private final ArrayDeque<Pending> reliable = new ArrayDeque<>();
    private long linkFreeAtNanos;
    private long lastReliableDueNanos;

    DelayLine(ScheduledExecutorService executor, LinkConditions conditions, long seed, BooleanSupplier blackout, Sink sink) {
        this.executor = executor;
        this.conditions = conditions;
        this.random = new SplittableRandom(seed);
        this.blackout = blackout;
        this.sink = sink;
    }

    /** Accepts one message; the caller has copied {@code data}. Returns false if it was dropped right away. */
    synchronized boolean submit(Channel channel, byte[] data) {
        long now = System.nanoTime();
        if (blackout.getAsBoolean()) {
            if (!channel.isReliable()) {
                return false;
            }
            // The cable is pulled: SCTP would keep retransmitting; the message leaves when the link returns.
            reliable.addLast(new Pending(HELD, channel, data));
            return true;
        }
        long departure = Math.max(now, linkFreeAtNanos);
        long transmitNanos = conditions.bandwidthKbps() == 0 ? 0
                : (long) (data.length * 8.0 * 1_000_000.0 / conditions.bandwidthKbps());
        if (!channel.isReliable() && departure + transmitNanos - now > MAX_QUEUE_DELAY_NANOS) {
            return false; // tail drop at a full bottleneck queue
        }
        linkFreeAtNanos = departure + transmitNanos;
        long arrival = linkFreeAtNanos + propagationNanos();
        if (channel.isReliable()) {
            int retransmissions = 0;
            while (retransmissions < MAX_RETRANSMISSIONS && chance(conditions.lossPercent())) {
                retransmissions++;
            }
            long due = Math.max(arrival + retransmissions * retransmitNanos(), lastReliableDueNanos);
            lastReliableDueNanos = due;
            reliable.addLast(new Pending(due, channel, data));
            schedulePump(due - now);
            return true;
        }
        if (chance(conditions.lossPercent())) {
            return false;
        }
        scheduleUnreliable(channel, data, arrival - now + reorderNanos());
        if (chance(conditions.duplicatePercent())) {
            scheduleUnreliable(channel, data.clone(), linkFreeAtNanos + propagationNanos() - now + reorderNanos());
        }
        return true;
    }

    /** Queues the end marker behind every reliable message (an orderly close travels like data). */
    synchronized void submitEnd() {
        long now = System.nanoTime();
        if (blackout.getAsBoolean()) {
            reliable.addLast(new Pending(HELD, null, END));
            return;
        }
        long due = Math.max(now + (long) (conditions.latencyMs() * 1e6), lastReliableDueNanos);
        lastReliableDueNanos = due;
        reliable.addLast(new Pending(due, null, END));
        schedulePump(due - now);
    }

    /** Drops everything pending (the connection is gone). */
    synchronized void clear() {
        reliable.clear();
    }

    /** The link came back: messages held during a blackout leave now, in order. */
    synchronized void resume() {
        long now = System.nanoTime();
        int n = reliable.size();
        for (int i = 0; i < n; i++) {
            Pending p = reliable.pollFirst();
            if (p.dueNanos() == HELD) {
                long due = Math.max(now + propagationNanos(), lastReliableDueNanos);
                lastReliableDueNanos = due;
                p = new Pending(due, p.channel(), p.data());
            }
            reliable.addLast(p);
        }
        schedulePump(Math.max(0, lastReliableDueNanos - now));
    }

    private void scheduleUnreliable(Channel channel, byte[] data, long delayNanos) {
        try {
            executor.schedule(() -> sink.deliver(channel, data), Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // transport closed
        }
    }

    private void schedulePump(long delayNanos) {
        try {
            executor.schedule(this::pump, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // transport closed
        }
    }

    /** Delivers every reliable message that is due, in FIFO order (due times never decrease). */
    private void pump() {
        while (true) {
            Pending p;
            synchronized (this) {
                Pending head = reliable.peekFirst();
                if (head == null || head.dueNanos() == HELD || head.dueNanos() > System.nanoTime()) {
                    return;
                }
                p = reliable.pollFirst();
            }
            if (p.data() == END) {
                sink.end();
            } else {
                sink.deliver(p.channel(), p.data());
            }
        }
    }

    private long propagationNanos() {
        double ms = conditions.latencyMs();
        if (conditions.jitterMs() > 0) {
            ms += (random.nextDouble() * 2 - 1) * conditions.jitterMs();
        }
        return (long) (Math.max(0, ms) * 1e6);
    }

    private long reorderNanos() {
        if (!chance(conditions.reorderPercent())) {
            return 0;
        }
        return (long) (random.nextDouble() * (2 * conditions.latencyMs() + 5) * 1e6);
    }

    /** A loss detected by fast retransmit costs about a round trip plus the SACK delay. */
    private long retransmitNanos() {
        return (long) ((4 * conditions.latencyMs() + 2 * conditions.jitterMs() + 20) * 1e6);
    }

    private boolean chance(double percent) {
        return percent > 0 && random.nextDouble() * 100 < percent;
    }
}
