package dev.netcode.sample.client;

/**
 * The overlay's data: samples a {@link NetworkStatsSource} at a fixed interval into one
 * {@link StatHistory} per graph. Separate from drawing so it can be tested without OpenGL.
 *
 * <p>While the source is not connected nothing is recorded and the histories are cleared, so a
 * reconnect starts fresh graphs and offline mode never shows numbers.
 */
public final class NetworkGraphs {
    public static final int SAMPLE_INTERVAL_MS = 100;
    /** 12 seconds of history at the sample interval. */
    public static final int CAPACITY = 120;

    public enum Metric {
        RTT_MS("RTT", "ms"),
        JITTER_MS("jitter", "ms"),
        LOSS_PERCENT("loss in/out max", "%"),
        KBIT_IN("down", "kbit/s"),
        KBIT_OUT("up", "kbit/s"),
        SNAPSHOT_BUFFER("snapshot buffer", "snapshots");

        public final String label;
        public final String unit;

        Metric(String label, String unit) {
            this.label = label;
            this.unit = unit;
        }
    }

    private final StatHistory[] histories = new StatHistory[Metric.values().length];
    private long nextSampleMs = Long.MIN_VALUE;
    private boolean connected;

    public NetworkGraphs() {
        for (int i = 0; i < histories.length; i++) {
            histories[i] = new StatHistory(CAPACITY);
        }
    }

    /** Call every frame; samples at most once per {@link #SAMPLE_INTERVAL_MS}. */
    public void update(NetworkStatsSource source, long nowMs) {
        connected = source.connected();
        if (!connected) {
            for (StatHistory h : histories) {
                h.clear();
            }
            nextSampleMs = Long.MIN_VALUE;
            return;
        }
        if (nowMs < nextSampleMs) {
            return;
        }
        nextSampleMs = nowMs + SAMPLE_INTERVAL_MS;
        history(Metric.RTT_MS).add((float) source.rttMs());
        history(Metric.JITTER_MS).add((float) source.jitterMs());
        history(Metric.LOSS_PERCENT).add((float) Math.max(source.lossInPercent(), source.lossOutPercent()));
        history(Metric.KBIT_IN).add((float) (source.bytesInPerSecond() * 8 / 1000));
        history(Metric.KBIT_OUT).add((float) (source.bytesOutPerSecond() * 8 / 1000));
        history(Metric.SNAPSHOT_BUFFER).add(source.snapshotBufferDepth());
    }

    public boolean connected() {
        return connected;
    }

    public StatHistory history(Metric metric) {
        return histories[metric.ordinal()];
    }
}
