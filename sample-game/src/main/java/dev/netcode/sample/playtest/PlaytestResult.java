package dev.netcode.sample.playtest;

import dev.netcode.sample.net.ArenaClient;
import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of a {@link Playtest}: the host's figures, each client's final figures and problems,
 * one-second time series per client, and the verdict.
 *
 * @param transport what the run used, e.g. "in-memory" or "WebRTC"
 * @param signaling how host and bots found each other: "lobby", "in-process hub" or "none"
 * @param hitchesAfterWarmup per client, hitches counted after {@link Playtest#WARMUP_SECONDS}
 * @param clientProblems per client, what failed (empty when fine)
 * @param problems every problem, prefixed with the client's name
 */
public record PlaytestResult(String transport, String signaling, String preset, int bots, int seconds, double elapsedSeconds,
                             double connectSeconds, long seed,
                             boolean requireNoHitch, HostSummary host, List<ArenaClient.Report> clients,
                             long[] hitchesAfterWarmup, List<List<String>> clientProblems, List<String> problems,
                             Series series) {

    /** Whether the playtest passed (no problems). */
    public boolean passed() {
        return problems.isEmpty();
    }

    /** The host's figures at the end of the run. */
    public record HostSummary(int ticks, int players, long hitsRegistered, long shotsFired, long snapshotPackets,
                              int maxSnapshotPayloadBytes, long lagCompensationRewinds, long clampedRewinds,
                              long rejectedInputPackets, long loopErrors, long hostLoopStalls,
                              long botLoopStalls, long maxStallMs) {}

    /** One sample per second per client. */
    public static final class Series {
        private final List<Integer> seconds = new ArrayList<>();
        private final List<double[]> rttMs = new ArrayList<>();
        private final List<double[]> jitterMs = new ArrayList<>();
        private final List<double[]> kbitUp = new ArrayList<>();
        private final List<double[]> kbitDown = new ArrayList<>();
        private final List<double[]> interpolationDelayMs = new ArrayList<>();
        private final List<double[]> corrections = new ArrayList<>();
        private final int clients;
        private long[] lastOut;
        private long[] lastIn;

        Series(int clients) {
            this.clients = clients;
            this.lastOut = new long[clients];
            this.lastIn = new long[clients];
        }

        void add(int second, List<ArenaClient.Report> reports) {
            double[] rtt = new double[clients];
            double[] jit = new double[clients];
            double[] up = new double[clients];
            double[] down = new double[clients];
            double[] delay = new double[clients];
            double[] corr = new double[clients];
            for (int i = 0; i < clients; i++) {
                ArenaClient.Report r = reports.get(i);
                rtt[i] = r.rttMs();
                jit[i] = r.jitterMs();
                up[i] = (r.bytesOut() - lastOut[i]) * 8 / 1000.0;
                down[i] = (r.bytesIn() - lastIn[i]) * 8 / 1000.0;
                lastOut[i] = r.bytesOut();
                lastIn[i] = r.bytesIn();
                delay[i] = r.interpolationDelayMs();
                corr[i] = r.predictionCorrections();
            }
            seconds.add(second);
            rttMs.add(rtt);
            jitterMs.add(jit);
            kbitUp.add(up);
            kbitDown.add(down);
            interpolationDelayMs.add(delay);
            corrections.add(corr);
        }

        public int clients() {
            return clients;
        }

        public List<Integer> seconds() {
            return seconds;
        }

        /** Metric name → per sample, per client values. */
        public java.util.Map<String, List<double[]>> metrics() {
            java.util.Map<String, List<double[]>> m = new java.util.LinkedHashMap<>();
            m.put("rttMs", rttMs);
            m.put("jitterMs", jitterMs);
            m.put("kbitPerSecondUp", kbitUp);
            m.put("kbitPerSecondDown", kbitDown);
            m.put("interpolationDelayMs", interpolationDelayMs);
            m.put("predictionCorrections", corrections);
            return m;
        }
    }

    static PlaytestResult judge(String transport, String signaling, String preset, int bots, int seconds, double elapsed,
                                double connectSeconds, long seed,
                                boolean requireNoHitch, HostSummary host, List<ArenaClient.Report> clients,
                                long[] hitchesAtWarmup, Series series) {
        List<List<String>> perClient = new ArrayList<>();
        List<String> all = new ArrayList<>();
        long[] afterWarmup = new long[clients.size()];
        for (int i = 0; i < clients.size(); i++) {
            ArenaClient.Report r = clients.get(i);
            List<String> p = new ArrayList<>();
            afterWarmup[i] = r.interpolationHitches() - hitchesAtWarmup[i];
            if (!r.wasConnected()) {
                p.add("never connected over " + transport
                        + (r.disconnectReason() == null ? "" : " (" + r.disconnectReason() + ": " + r.disconnectDetail() + ")"));
            } else {
                if (!r.connected()) {
                    p.add("disconnected: " + r.disconnectReason() + " " + r.disconnectDetail());
                }
                if (r.bytesOut() == 0 || r.inputTicks() == 0) {
                    p.add("no traffic up (inputs)");
                }
                if (r.bytesIn() == 0 || r.snapshotsReceived() == 0) {
                    p.add("no traffic down (snapshots)");
                }
                if (r.playerId() < 0) {
                    p.add("never joined the arena");
                }
                if (requireNoHitch && afterWarmup[i] > 0) {
                    p.add(afterWarmup[i] + " interpolation hitches");
                }
            }
            perClient.add(p);
            for (String s : p) {
                all.add(r.name() + ": " + s);
            }
        }
        if (host.loopErrors() > 0) {
            all.add("host/bot loops: " + host.loopErrors() + " frames threw");
        }
        return new PlaytestResult(transport, signaling, preset, bots, seconds, elapsed, connectSeconds, seed, requireNoHitch, host,
                List.copyOf(clients), afterWarmup, perClient, all, series);
    }
}
