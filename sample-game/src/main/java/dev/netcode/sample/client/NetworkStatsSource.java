package dev.netcode.sample.client;

/**
 * Live network figures for the F3 overlay, read on the render thread a few times per second.
 *
 * <p>The networked client will implement it over netcode-core's connection statistics
 * ({@code ConnectionStats}: smoothed RTT, RTT jitter, probe loss per direction, bytes per second)
 * and the interpolation snapshot buffer's depth. Offline there is nothing to measure:
 * {@link #offline()} reports {@link #connected()} false and the overlay says so instead of
 * drawing invented numbers.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>The values are only read while {@link #connected()} is true.</li>
 *   <li>Must be cheap and non-blocking: it is called from the render loop.</li>
 * </ul>
 */
public interface NetworkStatsSource {
    /** Whether there is a connection whose figures mean something. */
    boolean connected();

    /** Short state for the overlay title, e.g. "offline" or "connected to 10.0.0.5 (WebRTC)". */
    String statusText();

    /** Smoothed round-trip time, milliseconds. */
    double rttMs();

    /** Smoothed RTT deviation, milliseconds. */
    double jitterMs();

    /** Percentage of packets from the host that were lost. */
    double lossInPercent();

    /** Percentage of packets to the host that were lost (as the host reports). */
    double lossOutPercent();

    double bytesInPerSecond();

    double bytesOutPerSecond();

    /** Snapshots buffered for interpolation right now. */
    int snapshotBufferDepth();

    /** The source for a client without a connection. */
    static NetworkStatsSource offline() {
        return OfflineStats.OFFLINE;
    }

    /** Not connected (yet), with a status that may change, e.g. while matchmaking. */
    static NetworkStatsSource notConnected(java.util.function.Supplier<String> status) {
        return new OfflineStats(status);
    }

    /** No connection: {@link #connected()} is false and every figure is zero (never shown). */
    final class OfflineStats implements NetworkStatsSource {
        static final OfflineStats OFFLINE = new OfflineStats(() -> "offline");

        private final java.util.function.Supplier<String> status;

        private OfflineStats(java.util.function.Supplier<String> status) {
            this.status = status;
        }

        @Override
        public boolean connected() {
            return false;
        }

        @Override
        public String statusText() {
            return status.get();
        }

        @Override
        public double rttMs() {
            return 0;
        }

        @Override
        public double jitterMs() {
            return 0;
        }

        @Override
        public double lossInPercent() {
            return 0;
        }

        @Override
        public double lossOutPercent() {
            return 0;
        }

        @Override
        public double bytesInPerSecond() {
            return 0;
        }

        @Override
        public double bytesOutPerSecond() {
            return 0;
        }

        @Override
        public int snapshotBufferDepth() {
            return 0;
        }
    }
}
