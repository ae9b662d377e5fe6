package dev.netcode.bench.datachannel;

import dev.netcode.webrtc.PeerConnectionConfig;

/**
 * Connection setup only: {@code warmups} unrecorded pairs, then {@code samples} timed ones, each
 * started after the previous pair has fully closed; prints the median of every setup milestone.
 * A quicker loop than the whole {@code bench datachannel} when working on setup time.
 *
 * <pre>{@code java -cp ... dev.netcode.bench.datachannel.SetupProbe 200 100}</pre>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Medians of a shared machine: compare runs made back to back, not across hours.</li>
 * </ul>
 */
public final class SetupProbe {
    private SetupProbe() {
    }

    public static void main(String[] args) throws Exception {
        int warmups = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        PeerConnectionConfig config = DataChannelBenchmark.javaConfig();
        for (int i = 0; i < warmups; i++) {
            JavaDataChannelPair.connect(config, 10_000).closeAndSettle(10_000);
        }
        long[][] m = new long[JavaDataChannelPair.MILESTONES.size()][samples];
        for (int i = 0; i < samples; i++) {
            JavaDataChannelPair p = JavaDataChannelPair.connect(config, 10_000);
            long[] v = p.milestonesUs();
            for (int k = 0; k < v.length; k++) {
                m[k][i] = v[k];
            }
            p.closeAndSettle(10_000);
        }
        System.out.println("setup p50 us from createOffer (" + samples + " samples after " + warmups + " warm-ups): "
                + DataChannelBenchmark.milestoneMedians(m));
        int dtls = JavaDataChannelPair.MILESTONES.indexOf("dtls_connected");
        int answer = JavaDataChannelPair.MILESTONES.indexOf("answer_applied");
        int ice = JavaDataChannelPair.MILESTONES.indexOf("ice_connected");
        System.out.println("per-sample p50 us: answer_applied->ice_connected=" + medianDelta(m[answer], m[ice])
                + ", ice_connected->dtls_connected=" + medianDelta(m[ice], m[dtls])
                + ", dtls_connected->sctp_up=" + medianDelta(m[dtls], m[dtls + 1])
                + ", dtls_connected->all_open=" + medianDelta(m[dtls], m[m.length - 1]));
        System.exit(0);
    }

    private static long medianDelta(long[] from, long[] to) {
        long[] d = new long[from.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = to[i] - from[i];
        }
        java.util.Arrays.sort(d);
        return d[d.length / 2];
    }
}
