package dev.netcode.bench.dtls;

import dev.netcode.webrtc.dtls.DtlsCryptoBackend;
import dev.netcode.webrtc.dtls.DtlsHandshakeExecutor;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * CPU time of complete in-memory DTLS handshakes ({@link LinkedEndpoints}, both endpoints), split by
 * thread: the handshake threads (the critical path), the background precomputation of ephemeral keys
 * and ECDSA nonces, and everything else in the JVM's Java threads (the relay). Unlike wall-clock
 * figures, these hardly move when other processes load the machine, so two builds can be compared
 * on a shared host. JIT compiler and GC threads are not Java threads and are not counted.
 *
 * <pre>
 * java -cp "bench/target/classes:$(cat bench/target/launcher.classpath)" \
 *     dev.netcode.bench.dtls.DtlsHandshakeCpu [warmUpHandshakes=30] [measuredHandshakes=200]
 * </pre>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>The figure depends on how warm the JIT is: compare runs with the same warm-up count (30
 *       mimics {@code bench datachannel}'s state, 2000 a long-running server).</li>
 *   <li>Wall-clock p50 is printed too, but on a loaded host only the CPU columns are comparable.</li>
 * </ul>
 */
public final class DtlsHandshakeCpu {
    private DtlsHandshakeCpu() {
    }

    public static void main(String[] args) throws Exception {
        int warmUp = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int measured = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        DtlsHandshakeExecutor handshakes = DtlsHandshakeExecutor.create(2, 4);
        ExecutorService relay = Executors.newSingleThreadExecutor();
        try {
            for (int i = 0; i < warmUp; i++) {
                once(handshakes, relay);
            }
            Thread.sleep(200); // let the background pools refill before the window opens
            long[] before = cpuNs(threads);
            double[] wallMs = new double[measured];
            for (int i = 0; i < measured; i++) {
                long t0 = System.nanoTime();
                once(handshakes, relay);
                wallMs[i] = (System.nanoTime() - t0) / 1e6;
            }
            Thread.sleep(200);
            long[] after = cpuNs(threads);
            Arrays.sort(wallMs);
            System.out.printf("DTLS handshake after %d warm-up handshakes, %d measured: CPU per handshake "
                    + "handshake-threads %.0f us, precompute %.0f us, other %.0f us; wall p50 %.3f ms%n",
                    warmUp, measured, (after[0] - before[0]) / 1e3 / measured, (after[1] - before[1]) / 1e3 / measured,
                    (after[2] - before[2]) / 1e3 / measured, measured == 0 ? 0 : wallMs[measured / 2]);
        } finally {
            relay.shutdownNow();
            handshakes.close();
        }
    }

    private static void once(DtlsHandshakeExecutor handshakes, ExecutorService relay) throws Exception {
        try (LinkedEndpoints link = new LinkedEndpoints(DtlsCryptoBackend.HYBRID, handshakes, relay)) {
            link.handshake(30_000);
        }
    }

    /** CPU of live Java threads: [handshake threads, precompute thread, others]. */
    private static long[] cpuNs(ThreadMXBean threads) {
        long[] sum = new long[3];
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long ns = Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            String name = info.getThreadName();
            int bucket = name.startsWith("netcode-dtls-handshake") ? 0 : name.startsWith("netcode-dtls-precompute") ? 1 : 2;
            sum[bucket] += ns;
        }
        return sum;
    }
}
