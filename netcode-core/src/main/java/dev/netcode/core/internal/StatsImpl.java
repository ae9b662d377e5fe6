package dev.netcode.core.internal;

import dev.netcode.core.ConnectionStats;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The mutable side of {@link ConnectionStats}. Counters are atomics (written from network threads
 * and senders); the estimators are written under the connection's lock and published through
 * volatiles.
 */
final class StatsImpl implements ConnectionStats {
    private static final int PROBE_WINDOW = 64;
    /** The newest probes may still be in flight (jitter reorders them): leave them out of loss. */
    private static final int PROBE_GRACE = 8;

    final AtomicLong bytesIn = new AtomicLong();
    final AtomicLong bytesOut = new AtomicLong();
    final AtomicLong messagesIn = new AtomicLong();
    final AtomicLong messagesOut = new AtomicLong();
    final AtomicLong droppedOnSend = new AtomicLong();
    final AtomicLong staleDropped = new AtomicLong();

    private volatile double srttMs;
    private volatile double rttVarMs;
    private volatile double lossInPercent;
    private volatile double lossOutPercent;
    private volatile double bytesInRate;
    private volatile double bytesOutRate;
    private volatile double messagesInRate;
    private volatile double messagesOutRate;

    // Rate window state, touched only by the endpoint's timer thread.
    private long windowStartNanos = -1;
    private long windowBytesIn;
    private long windowBytesOut;
    private long windowMessagesIn;
    private long windowMessagesOut;

    // Probe reception window, guarded by the connection lock.
    private boolean anyProbe;
    private int firstProbe;
    private int highestProbe;
    private long probeMask;

    /** RFC 6298-style smoothing of one RTT sample. */
    synchronized void onRttSample(double sampleMs) {
        if (srttMs == 0 && rttVarMs == 0) {
            srttMs = sampleMs;
            rttVarMs = sampleMs / 2;
        } else {
            rttVarMs = 0.75 * rttVarMs + 0.25 * Math.abs(srttMs - sampleMs);
            srttMs = 0.875 * srttMs + 0.125 * sampleMs;
        }
    }

    void onPeerLossReport(int permille) {
        lossOutPercent = permille / 10.0;
    }

    /** Records a received probe sequence number and updates inbound loss. */
    synchronized void onProbeReceived(int sequence) {
        if (!anyProbe) {
            anyProbe = true;
            firstProbe = sequence;
            highestProbe = sequence;
            probeMask = 1;
        } else {
            int ahead = sequence - highestProbe;
            if (ahead > 0) {
                probeMask = ahead >= 64 ? 1 : (probeMask << ahead) | 1;
                highestProbe = sequence;
            } else if (-ahead < 64) {
                probeMask |= 1L << -ahead;
            }
        }
        int considered = 0;
        int received = 0;
        for (int back = PROBE_GRACE; back < PROBE_WINDOW; back++) {
            int seq = highestProbe - back;
            if (seq - firstProbe < 0) {
                break;
            }
            considered++;
            if ((probeMask & (1L << back)) != 0) {
                received++;
            }
        }
        lossInPercent = considered == 0 ? 0 : 100.0 * (considered - received) / considered;
    }

    int lossInPermille() {
        return (int) Math.round(lossInPercent * 10);
    }

    /** Called by the timer thread; closes a rate window once a second has passed. */
    void updateRates(long nowNanos) {
        if (windowStartNanos < 0) {
            windowStartNanos = nowNanos;
            windowBytesIn = bytesIn.get();
            windowBytesOut = bytesOut.get();
            windowMessagesIn = messagesIn.get();
            windowMessagesOut = messagesOut.get();
            return;
        }
        long elapsed = nowNanos - windowStartNanos;
        if (elapsed < 1_000_000_000L) {
            return;
        }
        double seconds = elapsed / 1e9;
        long bi = bytesIn.get();
        long bo = bytesOut.get();
        long mi = messagesIn.get();
        long mo = messagesOut.get();
        bytesInRate = (bi - windowBytesIn) / seconds;
        bytesOutRate = (bo - windowBytesOut) / seconds;
        messagesInRate = (mi - windowMessagesIn) / seconds;
        messagesOutRate = (mo - windowMessagesOut) / seconds;
        windowBytesIn = bi;
        windowBytesOut = bo;
        windowMessagesIn = mi;
        windowMessagesOut = mo;
        windowStartNanos = nowNanos;
    }

    @Override public double smoothedRttMs() { return srttMs; }
    @Override public double rttJitterMs() { return rttVarMs; }
    @Override public double lossInPercent() { return lossInPercent; }
    @Override public double lossOutPercent() { return lossOutPercent; }
    @Override public double bytesInPerSecond() { return bytesInRate; }
    @Override public double bytesOutPerSecond() { return bytesOutRate; }
    @Override public double messagesInPerSecond() { return messagesInRate; }
    @Override public double messagesOutPerSecond() { return messagesOutRate; }
    @Override public long bytesIn() { return bytesIn.get(); }
    @Override public long bytesOut() { return bytesOut.get(); }
    @Override public long messagesIn() { return messagesIn.get(); }
    @Override public long messagesOut() { return messagesOut.get(); }
    @Override public long messagesDroppedOnSend() { return droppedOnSend.get(); }
    @Override public long staleMessagesDropped() { return staleDropped.get(); }

    @Override
    public String toString() {
        return String.format("rtt=%.1fms jitter=%.1fms lossIn=%.1f%% lossOut=%.1f%% in=%.0fB/s out=%.0fB/s",
                srttMs, rttVarMs, lossInPercent, lossOutPercent, bytesInRate, bytesOutRate);
    }
}
