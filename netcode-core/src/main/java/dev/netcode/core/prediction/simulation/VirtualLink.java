package dev.netcode.core.prediction.simulation;

import dev.netcode.core.conditioner.LinkConditions;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * One direction of a network link on a <em>virtual</em> clock: the same model as the link
 * conditioner's unreliable channels (one-way latency ± uniform jitter, independent loss,
 * duplication and reordering, all from a seeded generator) but time is whatever the caller says.
 * Nothing runs by itself: {@link #send} schedules, {@link #deliverDue} hands out what is due.
 * A simulation that drives client, server and links from one virtual clock is fast, and for a given
 * seed gives the same result on a loaded 2-core machine as on an idle laptop.
 *
 * <pre>{@code
 * VirtualLink<byte[]> up = new VirtualLink<>(LinkConditions.of(50, 5.5, 5), seed, false);
 * up.send(nowNanos, bytes);
 * long next = up.nextDueNanos();                 // advance the clock to the earliest event
 * up.deliverDue(next, server::receive);
 * }</pre>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Bandwidth is not modelled (no serialization delay, no queue): use the real conditioner for
 *       bandwidth questions.</li>
 *   <li>With {@code sequenced} the link drops a message that arrives after a newer one, as core's
 *       {@code UNRELIABLE_SEQUENCED} channel does on the receiving side.</li>
 *   <li>Times never go backwards: {@link #send} and {@link #deliverDue} must be called with
 *       non-decreasing {@code nowNanos}. Not thread-safe.</li>
 * </ul>
 *
 * @param <T> what travels (already serialized bytes, or a message object)
 */
public final class VirtualLink<T> {
    private record Pending<T>(long dueNanos, long order, long sendSeq, T message) {}

    private final PriorityQueue<Pending<T>> queue = new PriorityQueue<>((a, b) -> a.dueNanos != b.dueNanos
            ? Long.compare(a.dueNanos, b.dueNanos) : Long.compare(a.order, b.order));
    private final SplittableRandom random;
    private final boolean sequenced;
    private LinkConditions conditions;
    private long order;
    private long sendSeq;
    private long newestDeliveredSeq = -1;
    private long sent;
    private long lost;
    private long delivered;
    private long staleDropped;

    public VirtualLink(LinkConditions conditions, long seed, boolean sequenced) {
        this.conditions = Objects.requireNonNull(conditions, "conditions");
        this.random = new SplittableRandom(seed);
        this.sequenced = sequenced;
    }

    /** Changes the conditions for messages sent from now on (messages in flight keep their times). */
    public void setConditions(LinkConditions value) {
        conditions = Objects.requireNonNull(value, "conditions");
    }

    public LinkConditions conditions() {
        return conditions;
    }

    /** Sends {@code message} at {@code nowNanos}; returns false if the link lost it. */
    public boolean send(long nowNanos, T message) {
        long seq = sendSeq++;
        sent++;
        if (chance(conditions.lossPercent())) {
            lost++;
            return false;
        }
        queue.add(new Pending<>(nowNanos + delayNanos(), order++, seq, message));
        if (chance(conditions.duplicatePercent())) {
            queue.add(new Pending<>(nowNanos + delayNanos(), order++, seq, message));
        }
        return true;
    }

    private long delayNanos() {
        double ms = conditions.latencyMs();
        if (conditions.jitterMs() > 0) {
            ms += (random.nextDouble() * 2 - 1) * conditions.jitterMs();
        }
        if (chance(conditions.reorderPercent())) {
            ms += random.nextDouble() * (2 * conditions.latencyMs() + 5);
        }
        return (long) (Math.max(0, ms) * 1e6);
    }

    private boolean chance(double percent) {
        return percent > 0 && random.nextDouble() * 100 < percent;
    }

    /** Due time of the earliest message in flight, or {@link Long#MAX_VALUE}. */
    public long nextDueNanos() {
        Pending<T> head = queue.peek();
        return head == null ? Long.MAX_VALUE : head.dueNanos;
    }

    /** Hands every message due at or before {@code nowNanos} to {@code receiver}, in arrival order; returns how many. */
    public int deliverDue(long nowNanos, Consumer<T> receiver) {
        int n = 0;
        while (!queue.isEmpty() && queue.peek().dueNanos <= nowNanos) {
            Pending<T> p = queue.poll();
            if (sequenced) {
                if (p.sendSeq <= newestDeliveredSeq) {
                    staleDropped++;
                    continue;
                }
                newestDeliveredSeq = p.sendSeq;
            }
            delivered++;
            n++;
            receiver.accept(p.message);
        }
        return n;
    }

    /** Messages in flight. */
    public int inFlight() {
        return queue.size();
    }

    public long sent() { return sent; }

    /** Messages the link lost (duplicates not counted). */
    public long lost() { return lost; }

    public long delivered() { return delivered; }

    /** Messages dropped on arrival because a newer one had already arrived ({@code sequenced} only). */
    public long staleDropped() { return staleDropped; }
}
