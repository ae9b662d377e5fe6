package dev.netcode.sample.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NetworkGraphsTest {
    /** A fixed set of figures, as a connected session would report them. */
    private static final class FixedStats implements NetworkStatsSource {
        boolean connected = true;
        double rtt = 40;

        public boolean connected() { return connected; }
        public String statusText() { return connected ? "connected" : "offline"; }
        public double rttMs() { return rtt; }
        public double jitterMs() { return 3; }
        public double lossInPercent() { return 1; }
        public double lossOutPercent() { return 2; }
        public double bytesInPerSecond() { return 12_500; }
        public double bytesOutPerSecond() { return 2_500; }
        public int snapshotBufferDepth() { return 3; }
    }

    @Test
    void offlineRecordsNothing() {
        NetworkGraphs graphs = new NetworkGraphs();
        for (long t = 0; t < 5_000; t += 16) {
            graphs.update(NetworkStatsSource.offline(), t);
        }
        assertThat(graphs.connected()).isFalse();
        for (NetworkGraphs.Metric m : NetworkGraphs.Metric.values()) {
            assertThat(graphs.history(m).size()).isZero();
        }
    }

    @Test
    void samplesAtTheIntervalConvertsUnitsAndClearsOnDisconnect() {
        NetworkGraphs graphs = new NetworkGraphs();
        FixedStats stats = new FixedStats();
        for (long t = 0; t < 1_000; t += 10) {
            graphs.update(stats, t);
        }
        assertThat(graphs.history(NetworkGraphs.Metric.RTT_MS).size()).isEqualTo(10);
        assertThat(graphs.history(NetworkGraphs.Metric.KBIT_IN).latest()).isEqualTo(100f);
        assertThat(graphs.history(NetworkGraphs.Metric.KBIT_OUT).latest()).isEqualTo(20f);
        assertThat(graphs.history(NetworkGraphs.Metric.LOSS_PERCENT).latest()).isEqualTo(2f);
        assertThat(graphs.history(NetworkGraphs.Metric.SNAPSHOT_BUFFER).latest()).isEqualTo(3f);
        stats.connected = false;
        graphs.update(stats, 2_000);
        assertThat(graphs.history(NetworkGraphs.Metric.RTT_MS).size()).isZero();
    }

    @Test
    void historyIsABoundedRing() {
        StatHistory h = new StatHistory(4);
        for (int i = 1; i <= 6; i++) {
            h.add(i);
        }
        assertThat(h.size()).isEqualTo(4);
        assertThat(h.get(0)).isEqualTo(3f);
        assertThat(h.latest()).isEqualTo(6f);
        assertThat(h.max()).isEqualTo(6f);
        assertThat(NetworkOverlay.niceMax(0f)).isEqualTo(1f);
        assertThat(NetworkOverlay.niceMax(37f)).isGreaterThanOrEqualTo(37f);
    }
}
