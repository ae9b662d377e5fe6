package dev.netcode.bench.datachannel;

import dev.netcode.webrtc.PeerConnectionConfig;
import dev.netcode.webrtc.dtls.internal.HandshakeTrace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Connection setup only: {@code warmups} unrecorded pairs, then {@code samples} timed ones, each
 * started after the previous pair has fully closed; prints the median of every setup milestone.
 * A quicker loop than the whole {@code bench datachannel} when working on setup time.
 *
 * <pre>{@code java -cp ... dev.netcode.bench.datachannel.SetupProbe 200 100 [trace]}</pre>
 *
 * With {@code trace}, every timed pair's two DTLS handshakes are traced ({@link HandshakeTrace}) and
 * the median time of each handshake event (datagram arrival on the event loop, pick-up by the
 * handshake, flight flush, done) from the DTLS client's start is printed, with the median handshake
 * CPU time of each side.
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
        boolean trace = args.length > 2 && args[2].equals("trace");
        PeerConnectionConfig config = DataChannelBenchmark.javaConfig();
        for (int i = 0; i < warmups; i++) {
            JavaDataChannelPair.connect(config, 10_000).closeAndSettle(10_000);
        }
        ConcurrentLinkedQueue<HandshakeTrace> traces = new ConcurrentLinkedQueue<>();
        List<Map<String, Long>> traced = new ArrayList<>();
        List<long[]> cpu = new ArrayList<>();
        if (trace) {
            HandshakeTrace.setSink(traces::add);
        }
        long[][] m = new long[JavaDataChannelPair.MILESTONES.size()][samples];
        for (int i = 0; i < samples; i++) {
            JavaDataChannelPair p = JavaDataChannelPair.connect(config, 10_000);
            long[] v = p.milestonesUs();
            for (int k = 0; k < v.length; k++) {
                m[k][i] = v[k];
            }
            p.closeAndSettle(10_000);
            if (trace) {
                HandshakeTrace c = null;
                HandshakeTrace s = null;
                HandshakeTrace t;
                while ((t = traces.poll()) != null) {
                    if (t.client()) {
                        c = t;
                    } else {
                        s = t;
                    }
                }
                if (c != null && s != null) {
                    traced.add(merge(c, s, p.offererTimeline(), p.answererTimeline()));
                    cpu.add(new long[] {c.handshakeCpuNs(), s.handshakeCpuNs()});
                }
            }
        }
        HandshakeTrace.setSink(null);
        System.out.println("setup p50 us from createOffer (" + samples + " samples after " + warmups + " warm-ups): "
                + DataChannelBenchmark.milestoneMedians(m));
        int dtls = JavaDataChannelPair.MILESTONES.indexOf("dtls_connected");
        int answer = JavaDataChannelPair.MILESTONES.indexOf("answer_applied");
        int ice = JavaDataChannelPair.MILESTONES.indexOf("ice_connected");
        System.out.println("per-sample p50 us: answer_applied->ice_connected=" + medianDelta(m[answer], m[ice])
                + ", answer_applied->ice_writable=" + medianDelta(m[answer], m[ice - 1])
                + ", ice_connected->dtls_connected=" + medianDelta(m[ice], m[dtls])
                + ", dtls_connected->sctp_up=" + medianDelta(m[dtls], m[dtls + 1])
                + ", dtls_connected->all_open=" + medianDelta(m[dtls], m[m.length - 1]));
        if (trace) {
            printTrace(traced, cpu);
        }
        System.exit(0);
    }

    /** Events of both sides keyed "C:FLUSH#1" (side, event, n-th of its kind), µs from the client's START. */
    private static Map<String, Long> merge(HandshakeTrace c, HandshakeTrace s, dev.netcode.webrtc.SetupTimeline offerer,
            dev.netcode.webrtc.SetupTimeline answerer) {
        long base = -1;
        for (int i = 0; i < c.size(); i++) {
            if (c.event(i) == HandshakeTrace.Event.START) {
                base = c.stampNs(i);
            }
        }
        List<long[]> all = new ArrayList<>(); // {stamp, side, index}
        for (int i = 0; i < c.size(); i++) {
            all.add(new long[] {c.stampNs(i), 0, i});
        }
        for (int i = 0; i < s.size(); i++) {
            all.add(new long[] {s.stampNs(i), 1, i});
        }
        // Loop-side milestones of both connections: 2 = answerer (DTLS client), 3 = offerer (server).
        long[][] loopSide = {
            {answerer.iceWritableNs(), 2, 0}, {answerer.iceConnectedNs(), 2, 1}, {answerer.dtlsConnectedNs(), 2, 2},
            {answerer.sctpUpNs(), 2, 3},
            {offerer.iceWritableNs(), 3, 0}, {offerer.iceConnectedNs(), 3, 1}, {offerer.dtlsConnectedNs(), 3, 2},
            {offerer.sctpUpNs(), 3, 3}};
        for (long[] l : loopSide) {
            if (l[0] != 0) {
                all.add(l);
            }
        }
        all.sort((a, b) -> Long.compare(a[0], b[0]));
        Map<String, Integer> seen = new LinkedHashMap<>();
        Map<String, Long> out = new LinkedHashMap<>();
        String[] loopNames = {"ice_writable", "ice_connected", "dtls_connected", "sctp_up"};
        for (long[] e : all) {
            if (e[1] >= 2) {
                out.put((e[1] == 2 ? "A:" : "O:") + loopNames[(int) e[2]], (e[0] - base) / 1_000);
                continue;
            }
            HandshakeTrace t = e[1] == 0 ? c : s;
            HandshakeTrace.Event ev = t.event((int) e[2]);
            if (ev == null) {
                continue;
            }
            String kind = (e[1] == 0 ? "C:" : "S:") + ev;
            int n = seen.merge(kind, 1, Integer::sum);
            out.put(kind + "#" + n, (e[0] - base) / 1_000);
        }
        return out;
    }

    private static void printTrace(List<Map<String, Long>> traced, List<long[]> cpu) {
        if (traced.isEmpty()) {
            System.out.println("no traces");
            return;
        }
        // Keys in the order of the first sample; medians over the samples that have the key.
        Map<String, List<Long>> byKey = new LinkedHashMap<>();
        for (Map<String, Long> t : traced) {
            for (Map.Entry<String, Long> e : t.entrySet()) {
                byKey.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
            }
        }
        List<Map.Entry<String, Long>> medians = new ArrayList<>();
        for (Map.Entry<String, List<Long>> e : byKey.entrySet()) {
            long[] v = e.getValue().stream().mapToLong(Long::longValue).sorted().toArray();
            medians.add(Map.entry(e.getKey() + "(n=" + v.length + ")", v[v.length / 2]));
        }
        medians.sort(Map.Entry.comparingByValue());
        StringBuilder sb = new StringBuilder("DTLS trace, p50 us from client START over " + traced.size() + " pairs:\n");
        long prev = 0;
        for (Map.Entry<String, Long> e : medians) {
            sb.append(String.format("  %-22s %6d  (+%d)%n", e.getKey(), e.getValue(), e.getValue() - prev));
            prev = e.getValue();
        }
        long[] cc = cpu.stream().mapToLong(x -> x[0]).sorted().toArray();
        long[] sc = cpu.stream().mapToLong(x -> x[1]).sorted().toArray();
        sb.append("handshake thread CPU p50 us: client " + cc[cc.length / 2] / 1000 + ", server " + sc[sc.length / 2] / 1000);
        System.out.println(sb);
    }

    private static long medianDelta(long[] from, long[] to) {
        long[] d = new long[from.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = to[i] - from[i];
        }
        Arrays.sort(d);
        return d[d.length / 2];
    }
}
