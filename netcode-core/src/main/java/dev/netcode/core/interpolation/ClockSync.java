package dev.netcode.core.interpolation;

import java.util.Arrays;

/**
 * Estimates the server's clock from round-trip samples, NTP style.
 *
 * <p>The client sends a ping stamped with its local time {@code t0}; the server answers with its own
 * time {@code s}; the reply arrives at local {@code t1}. Assuming symmetric paths the server clock
 * read {@code s} at local {@code (t0 + t1) / 2}, so {@code offset = s - (t0 + t1) / 2} and
 * {@code serverTime(now) = now + offset}.
 *
 * <h2>Outlier filtering</h2>
 * Queueing delay makes paths asymmetric, and it only ever adds time. So among the last
 * {@code window} samples only those whose RTT is within {@code 1.5 × minimum RTT + 1 ms} are
 * trusted, and the offset is their median. A burst of slow samples therefore does not drag the
 * estimate; a lasting route change shows up once the window has rolled over.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>The estimate can move by a few milliseconds when a new sample arrives: never compute a render
 *       time directly from it every frame; let {@link InterpolationTimeline} nudge towards it.</li>
 *   <li>Until the first sample the offset is 0, which is fine for the timeline (it measures lags with
 *       the same offset) but not for anything comparing clocks across machines.</li>
 * </ul>
 */
public final class ClockSync {
    private final long[] rtt;
    private final long[] offset;
    private final long[] scratch;
    private int count;
    private int next;
    private long offsetNs;
    private long rttNs;

    public ClockSync(int window) {
        if (window < 1 || window > 1024) {
            throw new IllegalArgumentException("window must be 1..1024: " + window);
        }
        this.rtt = new long[window];
        this.offset = new long[window];
        this.scratch = new long[window];
    }

    /** Samples with a longer round trip are ignored (they can only be forged or broken). */
    static final long MAX_SAMPLE_RTT_NS = 60_000_000_000L;

    public ClockSync() {
        this(16);
    }

    /**
     * Adds one ping/pong sample.
     *
     * @param localSendNs local time the ping left
     * @param serverTimeNs server time stamped into the pong
     * @param localReceiveNs local time the pong arrived
     */
    public void addSample(long localSendNs, long serverTimeNs, long localReceiveNs) {
        long sampleRtt = localReceiveNs - localSendNs;
        if (sampleRtt < 0 || sampleRtt > MAX_SAMPLE_RTT_NS) {
            // Clock went backwards, or a forged echo: an absurd RTT would overflow the trust limit below.
            return;
        }
        rtt[next] = sampleRtt;
        offset[next] = serverTimeNs - (localSendNs + sampleRtt / 2);
        next = (next + 1) % rtt.length;
        count = Math.min(count + 1, rtt.length);
        recompute();
    }

    private void recompute() {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < count; i++) {
            min = Math.min(min, rtt[i]);
        }
        long limit = min + min / 2 + 1_000_000L;
        int n = 0;
        long rttSum = 0;
        for (int i = 0; i < count; i++) {
            if (rtt[i] <= limit) {
                scratch[n++] = offset[i];
                rttSum += rtt[i];
            }
        }
        Arrays.sort(scratch, 0, n);
        offsetNs = scratch[n / 2];
        rttNs = rttSum / n;
    }

    public boolean isSynchronized() {
        return count > 0;
    }

    /** Server clock minus local clock, nanoseconds. */
    public long offsetNs() {
        return offsetNs;
    }

    /** Mean RTT of the trusted samples. */
    public long rttNs() {
        return rttNs;
    }

    public long serverTimeNs(long localNs) {
        return localNs + offsetNs;
    }

    public int samples() {
        return count;
    }
}
