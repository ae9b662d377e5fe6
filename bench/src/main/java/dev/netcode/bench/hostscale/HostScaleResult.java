package dev.netcode.bench.hostscale;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** The figures of a host-scale run: one {@link Step} per ramp step and the one-line JSON. */
public record HostScaleResult(HostScaleBench.Options options, List<Step> steps, List<Long> setupMicros,
                              double loadAvgBefore, double loadAvgAfter, int cores, int udpPort) {

    /**
     * One ramp step.
     *
     * @param clients clients asked for
     * @param connected clients connected and joined at the end of the window
     * @param dropped clients that had connected and lost the connection
     * @param failed connects that failed
     * @param connectSeconds time to bring the step's new clients in
     * @param setupP50Ms connection setup (ICE + DTLS + SCTP + ready markers) median of this step's new clients
     * @param setupP99Ms its 99th percentile
     * @param ticks host wake-ups in the window
     * @param lateTicks those that started more than one interval late
     * @param maxLateMs the latest wake-up in the window
     * @param hostCpuPct host process CPU, percent of all cores
     * @param loadgenCpuPct load generator process CPU, percent of all cores
     * @param heapBytesPerClient (heap after GC − baseline) / connected
     * @param heapBytes heap after GC
     * @param snapshotKbpsPerClient host → client kbit/s per client, at the clients
     * @param inputLossPct input packets lost on the way, percent (the host's input buffers measure it
     *        from the packets' sequence; mean over clients at the end of the window)
     * @param inputsLatePct inputs the host needed but did not have in time and had to guess, percent
     * @param hostPlayers players the arenas count at the end
     * @param loadgenMaxFrameLagMs the load generator's worst frame lag so far: when it is large, its
     *        bots paused and the figures describe a starved load generator, not the host
     * @param dropReasons why clients were dropped so far ({@code REASON=count,...} or {@code -})
     */
    public record Step(int clients, int connected, int dropped, int failed, double connectSeconds,
                       double setupP50Ms, double setupP99Ms, long ticks, long lateTicks, double maxLateMs,
                       double hostCpuPct, double loadgenCpuPct, double heapBytesPerClient, long heapBytes,
                       double snapshotKbpsPerClient, double inputLossPct, double inputsLatePct, int hostPlayers,
                       long loadgenMaxFrameLagMs, String dropReasons) {
        public double lateTicksPct() {
            return ticks == 0 ? 0 : 100.0 * lateTicks / ticks;
        }

        String describe() {
            return String.format(Locale.ROOT, "step %4d clients: connected %d (dropped %d, failed %d) in %.1f s, setup p50 %.0f ms"
                            + " p99 %.0f ms; late ticks %.2f %% (%d/%d, max %.0f ms late); host CPU %.0f %%, load generator CPU"
                            + " %.0f %%; heap %.1f KiB/client; %.1f kbit/s per client; input loss %.2f %%, inputs late %.2f %%",
                    clients, connected, dropped, failed, connectSeconds, setupP50Ms, setupP99Ms, lateTicksPct(), lateTicks,
                    ticks, maxLateMs, hostCpuPct, loadgenCpuPct, heapBytesPerClient / 1024, snapshotKbpsPerClient, inputLossPct, inputsLatePct);
        }

        String json() {
            return String.format(Locale.ROOT, "{\"clients\":%d,\"connected\":%d,\"dropped\":%d,\"failed\":%d,"
                            + "\"setup_p50_ms\":%.1f,\"setup_p99_ms\":%.1f,\"late_ticks_pct\":%.3f,\"ticks\":%d,\"max_late_ms\":%.1f,"
                            + "\"host_cpu_pct\":%.1f,\"loadgen_cpu_pct\":%.1f,\"host_heap_bytes_per_client\":%.0f,"
                            + "\"snapshot_kbps_per_client\":%.2f,\"input_loss_pct\":%.3f,\"inputs_late_pct\":%.3f,"
                            + "\"loadgen_max_frame_lag_ms\":%d,\"drop_reasons\":\"%s\"}",
                    clients, connected, dropped, failed, setupP50Ms, setupP99Ms, lateTicksPct(), ticks, maxLateMs,
                    hostCpuPct, loadgenCpuPct, heapBytesPerClient, snapshotKbpsPerClient, inputLossPct, inputsLatePct,
                    loadgenMaxFrameLagMs, dropReasons);
        }
    }

    /** The last (largest) step. */
    public Step last() {
        return steps.get(steps.size() - 1);
    }

    /** One line: the last step's figures at the top level, every step under {@code curve}. */
    public String json() {
        Step s = last();
        List<String> curve = new ArrayList<>();
        for (Step st : steps) {
            curve.add(st.json());
        }
        return String.format(Locale.ROOT, "{\"bench\":\"host-scale\",\"tick_hz\":%d,\"seconds_per_step\":%d,\"seed\":%d,"
                        + "\"cores\":%d,\"load_avg_1m_before\":%.2f,\"load_avg_1m_after\":%.2f,\"udp_ports\":1,"
                        + "\"clients\":%d,\"clients_connected\":%d,\"clients_dropped\":%d,"
                        + "\"setup_p50_ms\":%.1f,\"setup_p99_ms\":%.1f,\"late_ticks_pct\":%.3f,\"host_cpu_pct\":%.1f,"
                        + "\"loadgen_cpu_pct\":%.1f,\"host_heap_bytes_per_client\":%.0f,\"snapshot_kbps_per_client\":%.2f,"
                        + "\"input_loss_pct\":%.3f,\"inputs_late_pct\":%.3f,\"host_heap_marginal_bytes_per_client\":%.0f,\"output_dir\":\"%s\",\"curve\":[%s]}",
                options.tickHz(), options.seconds(), options.seed(), cores, loadAvgBefore, loadAvgAfter,
                s.clients(), s.connected(), totalDropped(), percentile(setupMicros, 50) / 1000.0,
                percentile(setupMicros, 99) / 1000.0, s.lateTicksPct(), s.hostCpuPct(), s.loadgenCpuPct(),
                s.heapBytesPerClient(), s.snapshotKbpsPerClient(), s.inputLossPct(), s.inputsLatePct(), marginalHeapBytesPerClient(),
                options.outputDir().toAbsolutePath().toString().replace("\\", "\\\\").replace("\"", "\\\""),
                String.join(",", curve));
    }

    /**
     * Heap growth per client between the first and the last step: what one more client costs,
     * without the one-off allocations (caches, pools) the first connections pay for. Equals the
     * baseline figure when there is one step.
     */
    public double marginalHeapBytesPerClient() {
        Step first = steps.get(0);
        Step s = last();
        if (steps.size() < 2 || s.connected() <= first.connected()) {
            return s.heapBytesPerClient();
        }
        return (double) (s.heapBytes() - first.heapBytes()) / (s.connected() - first.connected());
    }

    private int totalDropped() {
        int max = 0;
        for (Step s : steps) {
            max = Math.max(max, s.dropped());
        }
        return max;
    }

    /** The {@code p}-th percentile (nearest rank) of {@code values}, 0 when empty. */
    static double percentile(List<Long> values, double p) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
