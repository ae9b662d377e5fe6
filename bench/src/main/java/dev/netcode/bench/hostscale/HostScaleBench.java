package dev.netcode.bench.hostscale;

import dev.netcode.core.prediction.InputBuffer;
import dev.netcode.sample.net.ArenaHost;
import dev.netcode.sample.sim.PlayerInput;
import dev.netcode.webrtc.PeerConnectionConfig;
import dev.netcode.webrtc.dtls.DtlsHandshakeExecutor;
import dev.netcode.webrtc.ice.IceConfig;
import dev.netcode.webrtc.ice.IceUdpMux;
import dev.netcode.webrtc.transport.WebRtcTransport;
import dev.netcode.webrtc.transport.WebRtcTransportConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * {@code ./netcode bench host-scale}: one dedicated host process serving hundreds of WebRTC clients,
 * measured while the number of clients ramps up.
 *
 * <h2>What runs where</h2>
 * <ul>
 *   <li><b>This JVM (the host):</b> the sample game's {@link ArenaHost}, as many arenas as the
 *       largest step needs (an arena holds {@value LoadGenerator#ARENA_SIZE} players), all on
 *       <em>one</em> UDP port (one shared {@link IceUdpMux}, ICE-lite) and driven by one host
 *       thread that wakes at the tick rate and runs every arena's {@code update}. That thread's
 *       punctuality is the "late ticks" figure.</li>
 *   <li><b>A child JVM (the load):</b> {@link LoadGenerator}: one {@code ArenaClient} with the bot
 *       autopilot per client, each with its own ICE agent, DTLS handshake and SCTP association.
 *       Signaling crosses the process boundary over the child's stdin/stdout.</li>
 * </ul>
 *
 * <h2>One step</h2>
 * Grow to N clients and wait until all of them joined (or {@code connectTimeoutSeconds}), let the
 * host run one second, then measure for {@code seconds}: late ticks, host process CPU, the
 * clients' received bytes, the input the host had to guess. After the window a full GC gives the
 * heap; per client it is (heap − heap with 0 clients) / N. The zero-client heap is measured after
 * one warm-up client joined and left (not counted anywhere): the first connection's one-off costs
 * (class loading with signed-jar verification entries, pools) belong to the process, not to the
 * clients of the first step; the heap before the warm-up is printed beside it.
 *
 * <h2>Figures</h2>
 * <ul>
 *   <li>late tick: a host-thread wake-up that starts more than one tick interval after its
 *       planned time.</li>
 *   <li>host_cpu_pct: this process's CPU time over wall time, as a percentage of the whole machine
 *       (all cores); {@code host_cpu_cores} is the same in cores.</li>
 *   <li>snapshot_kbps_per_client: everything the host sent a client (snapshots dominate; input
 *       feedback, roster and shots included), measured at the clients.</li>
 *   <li>input_loss_pct: of the inputs the host needed in the window, the share that had not arrived
 *       (the input buffer repeated the last one): loss and lateness as the game sees them.</li>
 * </ul>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Both processes share the machine: the load generator's CPU is in {@code loadgen_cpu_pct};
 *       other load on the machine shows in {@code load_avg_1m}.</li>
 *   <li>The arena simulates at 60 Hz and snapshots at 20 Hz (the sample game's rules); the tick
 *       rate here is the host thread's wake-up rate, each wake-up running the simulation steps due.</li>
 * </ul>
 */
public final class HostScaleBench {
    /** Signaling id of arena {@code k}. */
    static String arenaId(int k) {
        return "arena-" + k;
    }

    /** Settings of one run. */
    public record Options(int[] ramp, int tickHz, int seconds, long seed, Path outputDir, int connectTimeoutSeconds,
                          int handshakeThreads) {
        /** The host's DTLS handshake threads by default: one per core, so handshakes cannot take every core from the tick. */
        public static int defaultHandshakeThreads() {
            return Math.max(1, Runtime.getRuntime().availableProcessors());
        }

        public Options {
            if (handshakeThreads < 1 || handshakeThreads > 256) {
                throw new IllegalArgumentException("handshake threads must be in [1, 256]: " + handshakeThreads);
            }
            if (ramp.length == 0) {
                throw new IllegalArgumentException("ramp is empty");
            }
            for (int i = 0; i < ramp.length; i++) {
                if (ramp[i] < 1 || ramp[i] > 5000 || (i > 0 && ramp[i] <= ramp[i - 1])) {
                    throw new IllegalArgumentException("ramp must rise, each step in [1, 5000]: " + Arrays.toString(ramp));
                }
            }
            if (tickHz < 1 || tickHz > 240) {
                throw new IllegalArgumentException("tick must be in [1, 240] Hz: " + tickHz);
            }
            if (seconds < 1 || seconds > 3600) {
                throw new IllegalArgumentException("seconds must be in [1, 3600]: " + seconds);
            }
        }

        /** The default ramp (50, 100, 200, 300, 500) cut at {@code clients}, ending with it. */
        public static int[] defaultRamp(int clients) {
            List<Integer> steps = new ArrayList<>();
            for (int s : new int[] {50, 100, 200, 300, 500, 750, 1000}) {
                if (s < clients) {
                    steps.add(s);
                }
            }
            steps.add(clients);
            return steps.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    private final Options options;
    private final Consumer<String> progress;
    private final HostLoop hostLoop;
    private final List<ArenaHost> arenas = new ArrayList<>();
    private final List<WebRtcTransport> transports = new ArrayList<>();
    private IceUdpMux mux;
    private io.netty.channel.EventLoopGroup ioGroup;
    /** The loops that run the host's connections (epoll when available), or null for the transport's shared NIO group. */
    private io.netty.channel.EventLoopGroup connectionGroup;
    private DtlsHandshakeExecutor handshakes;
    private ChildProcess child;

    private HostScaleBench(Options options, Consumer<String> progress) {
        this.options = options;
        this.progress = progress;
        this.hostLoop = new HostLoop(options.tickHz());
    }

    /** Runs the whole ramp; progress lines go to {@code progress}. */
    public static HostScaleResult run(Options options, Consumer<String> progress) throws IOException, InterruptedException {
        HostScaleBench bench = new HostScaleBench(options, progress);
        try {
            return bench.runRamp();
        } finally {
            bench.close();
        }
    }

    private HostScaleResult runRamp() throws IOException, InterruptedException {
        Files.createDirectories(options.outputDir());
        quietGameLogs();
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        int maxClients = options.ramp()[options.ramp().length - 1];
        int arenaCount = (maxClients + LoadGenerator.ARENA_SIZE - 1) / LoadGenerator.ARENA_SIZE;
        startHost(arenaCount);
        child = ChildProcess.start(options.tickHz(), options.seed(), options.outputDir());
        child.hub = hub();
        hostLoop.start();
        Thread.sleep(500);
        long coldHeap = heapAfterGc();
        boolean warmed = warmUp();
        long baselineHeap = heapAfterGc();
        progress.accept(String.format("host: %d arenas on udp %s (%s), %d Hz host tick, %d handshake threads;"
                        + " baseline heap %.1f MiB after a warm-up client came and went (%s; %.1f MiB before it)",
                arenaCount, mux.localAddress(), ioGroup != null ? "epoll" : "nio", options.tickHz(),
                options.handshakeThreads(), baselineHeap / 1048576.0, warmed ? "ok" : "FAILED", coldHeap / 1048576.0));
        List<HostScaleResult.Step> steps = new ArrayList<>();
        List<Long> allSetupUs = new ArrayList<>();
        for (int n : options.ramp()) {
            HostScaleResult.Step step = runStep(n, baselineHeap, allSetupUs);
            steps.add(step);
            progress.accept(step.describe());
        }
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        HostScaleResult result = new HostScaleResult(options, steps, allSetupUs, loadBefore, loadAfter,
                Runtime.getRuntime().availableProcessors(), mux.localAddress().getPort());
        HostScaleChart.write(options.outputDir().resolve("host-scale.png"), result);
        Files.writeString(options.outputDir().resolve("host-scale.json"), result.json() + "\n");
        return result;
    }

    /**
     * One client joins and leaves before the zero-client heap is measured. The first connection
     * loads the connection code (with its signed-jar verification entries, a few MiB of heap),
     * fills pools and thread-local caches: a one-off cost of the process that would otherwise be
     * divided among the clients of the first step. A connection that left something behind shows
     * up in this baseline instead, so nothing per client is hidden.
     */
    private boolean warmUp() throws IOException, InterruptedException {
        boolean ok = child.warmUp();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (hostLoop.call(this::playersJoined) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(500); // the closed connection's timers and queued tasks run out
        return ok;
    }

    private void startHost(int arenaCount) {
        Random random = new Random(options.seed());
        PeerConnectionConfig pcDefaults = PeerConnectionConfig.defaults();
        EpollUdp epoll = EpollUdp.load();
        if (epoll != null) {
            // Every datagram is handed from the socket's loop to its connection's loop: on epoll a
            // wake-up is one eventfd write and an idle poll costs no selected-key bookkeeping, which
            // NIO's selectNow per task batch did (the host's top CPU consumer under NIO).
            connectionGroup = new io.netty.channel.MultiThreadIoEventLoopGroup(
                    Runtime.getRuntime().availableProcessors(),
                    new io.netty.util.concurrent.DefaultThreadFactory("host-conn", true), epoll.ioHandlerFactory());
        }
        io.netty.channel.EventLoopGroup connectionLoops = connectionGroup != null ? connectionGroup
                : pcDefaults.eventLoopGroup();
        // Handshakes block a thread each (BouncyCastle) and burn CPU on ECDHE and ECDSA: bounding
        // them keeps a burst of joins from taking every core away from the tick thread.
        handshakes = DtlsHandshakeExecutor.create(options.handshakeThreads(), 4096);
        InetSocketAddress udp = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        int maxAgents = arenaCount * LoadGenerator.ARENA_SIZE * 2;
        if (epoll != null) {
            // The socket on its own epoll loop: recvmmsg reads many datagrams per system call and a
            // flushed burst (a snapshot to every client) leaves in sendmmsg; the connections run
            // on the shared loops.
            ioGroup = new io.netty.channel.MultiThreadIoEventLoopGroup(1,
                    new io.netty.util.concurrent.DefaultThreadFactory("host-udp", true), epoll.ioHandlerFactory());
            mux = IceUdpMux.bind(ioGroup, epoll.channelClass(), connectionLoops, udp, maxAgents, b -> b
                    .option(epoll.maxDatagramPayloadSize(), 2048)
                    .option(io.netty.channel.ChannelOption.RCVBUF_ALLOCATOR,
                            new io.netty.channel.FixedRecvByteBufAllocator(2048 * 16)));
        } else {
            mux = IceUdpMux.bind(pcDefaults.eventLoopGroup(), udp, maxAgents, pcDefaults.datagramChannelClass());
        }
        for (int k = 0; k < arenaCount; k++) {
            IceConfig ice = IceConfig.builder()
                    .hostAddresses(List.of(InetAddress.getLoopbackAddress()))
                    .random(new Random(random.nextLong()))
                    .build();
            WebRtcTransportConfig config = WebRtcTransportConfig.builder()
                    .peerConnection(connectionLoops(PeerConnectionConfig.builder().ice(ice).random(new Random(random.nextLong()))
                            .handshakeExecutor(handshakes), epoll).build())
                    .udpMux(mux)
                    .maxConnections(LoadGenerator.ARENA_SIZE * 2)
                    .handshakeTimeoutMs(LoadGenerator.HANDSHAKE_TIMEOUT_MS)
                    .random(new Random(random.nextLong()))
                    .build();
            WebRtcTransport t = WebRtcTransport.create(hub().endpoint(arenaId(k)), config);
            transports.add(t);
            ArenaHost host = new ArenaHost(t, options.seed() + k, arenaId(k));
            host.bind(arenaId(k));
            arenas.add(host);
        }
        hostLoop.arenas = arenas.toArray(new ArenaHost[0]);
    }

    private PeerConnectionConfig.Builder connectionLoops(PeerConnectionConfig.Builder b, EpollUdp epoll) {
        return connectionGroup == null ? b : b.eventLoopGroup(connectionGroup).datagramChannelClass(epoll.channelClass());
    }

    private PipeSignaling hub;

    /**
     * Netty's epoll transport, looked up reflectively: its classes are on the runtime classpath
     * (the transport's native dependency) but not on bench's compile classpath.
     */
    record EpollUdp(io.netty.channel.IoHandlerFactory ioHandlerFactory,
                    Class<? extends io.netty.channel.socket.DatagramChannel> channelClass,
                    io.netty.channel.ChannelOption<Integer> maxDatagramPayloadSize) {
        @SuppressWarnings("unchecked")
        static EpollUdp load() {
            try {
                if (!(boolean) Class.forName("io.netty.channel.epoll.Epoll").getMethod("isAvailable").invoke(null)) {
                    return null;
                }
                return new EpollUdp(
                        (io.netty.channel.IoHandlerFactory) Class.forName("io.netty.channel.epoll.EpollIoHandler")
                                .getMethod("newFactory").invoke(null),
                        Class.forName("io.netty.channel.epoll.EpollDatagramChannel")
                                .asSubclass(io.netty.channel.socket.DatagramChannel.class),
                        (io.netty.channel.ChannelOption<Integer>) Class.forName("io.netty.channel.epoll.EpollChannelOption")
                                .getField("MAX_DATAGRAM_PAYLOAD_SIZE").get(null));
            } catch (ReflectiveOperationException | LinkageError e) {
                return null;
            }
        }
    }

    private PipeSignaling hub() {
        if (hub == null) {
            hub = new PipeSignaling(line -> child.send(line));
        }
        return hub;
    }

    private HostScaleResult.Step runStep(int n, long baselineHeap, List<Long> allSetupUs)
            throws IOException, InterruptedException {
        long stepStart = System.nanoTime();
        child.send("ADD " + n);
        long deadline = stepStart + TimeUnit.SECONDS.toNanos(options.connectTimeoutSeconds());
        List<Long> setupUs = new ArrayList<>();
        ChildStats stats;
        long lastReport = System.nanoTime();
        while (true) {
            stats = child.stats();
            setupUs.addAll(stats.setupUs);
            int joined = hostLoop.call(this::playersJoined);
            if ((stats.connected >= n && joined >= n) || stats.connected + stats.failed >= n && stats.failed > 0
                    || System.nanoTime() - deadline > 0) {
                break;
            }
            if (System.nanoTime() - lastReport > 5_000_000_000L) {
                lastReport = System.nanoTime();
                progress.accept(String.format("  joining %d: %d connected, %d joined at the host, %d failed, %d dropped (%s),"
                        + " load generator max frame lag %d ms", n, stats.connected, joined, stats.failed, stats.dropped,
                        stats.reasons, stats.maxFrameLagMs));
            }
            Thread.sleep(200);
        }
        double connectSeconds = (System.nanoTime() - stepStart) / 1e9;
        Thread.sleep(1000); // settle: the last joins' rosters and first full snapshots
        ChildStats before = child.stats();
        setupUs.addAll(before.setupUs);
        long[] inputsBefore = hostLoop.call(this::inputCounters);
        HostLoop.Window window = hostLoop.openWindow();
        long cpuBefore = processCpuNs();
        long wallBefore = System.nanoTime();
        Thread.sleep(options.seconds() * 1000L);
        long cpuAfter = processCpuNs();
        long wallAfter = System.nanoTime();
        HostLoop.Window closed = hostLoop.closeWindow(window);
        ChildStats after = child.stats();
        setupUs.addAll(after.setupUs);
        long[] inputsAfter = hostLoop.call(this::inputCounters);
        long heap = heapAfterGc();
        allSetupUs.addAll(setupUs);
        double wallS = (wallAfter - wallBefore) / 1e9;
        double childWallS = (after.nanoTime - before.nanoTime) / 1e9;
        int cores = Runtime.getRuntime().availableProcessors();
        long applied = inputsAfter[0] - inputsBefore[0];
        long missing = inputsAfter[1] - inputsBefore[1];
        int connected = after.connected;
        progress.accept(String.format("  load generator: max frame lag %d ms, drop reasons: %s; host input streams"
                        + " re-synced %d times, far-ahead input packets dropped %d", after.maxFrameLagMs, after.reasons,
                inputsAfter[4] - inputsBefore[4], inputsAfter[5] - inputsBefore[5]));
        return new HostScaleResult.Step(n, connected, after.dropped, after.failed, connectSeconds,
                HostScaleResult.percentile(setupUs, 50) / 1000.0, HostScaleResult.percentile(setupUs, 99) / 1000.0,
                closed.ticks(), closed.lateTicks(), closed.maxLateMs(),
                100.0 * (cpuAfter - cpuBefore) / 1e9 / wallS / cores,
                100.0 * (after.cpuNs - before.cpuNs) / 1e9 / childWallS / cores,
                connected == 0 ? 0 : (heap - baselineHeap) / (double) connected, heap,
                connected == 0 ? 0 : (after.bytesIn - before.bytesIn) * 8 / 1000.0 / childWallS / connected,
                inputsAfter[3] == 0 ? 0 : inputsAfter[2] / 100.0 / inputsAfter[3],
                applied + missing == 0 ? 0 : 100.0 * missing / (applied + missing),
                hostLoop.call(this::playersJoined), after.maxFrameLagMs, after.reasons.replaceAll("[^A-Za-z_=,0-9\\[\\]-]", ""));
    }

    private int playersJoined() {
        int sum = 0;
        for (ArenaHost a : arenas) {
            sum += a.playerCount();
        }
        return sum;
    }

    /**
     * {inputs applied, inputs missing, sum of the buffers' measured packet loss in hundredths of a
     * percent, buffers, re-syncs, far-ahead packets} over every player's input buffer (host thread).
     */
    private long[] inputCounters() {
        long applied = 0;
        long missing = 0;
        long lossCentiPct = 0;
        long buffers = 0;
        long resyncs = 0;
        long farAhead = 0;
        for (ArenaHost a : arenas) {
            for (InputBuffer<PlayerInput> b : a.inputs().buffers().values()) {
                applied += b.inputsApplied() + b.inputsAfterHold();
                missing += b.inputsMissing();
                lossCentiPct += Math.round(b.lossPercent() * 100);
                buffers++;
                resyncs += b.resyncs();
                farAhead += b.farAheadPackets();
            }
        }
        return new long[] {applied, missing, lossCentiPct, buffers, resyncs, farAhead};
    }

    /** 500 "player joined" lines would drown the progress: the arenas log at WARN here. */
    private static void quietGameLogs() {
        if (org.slf4j.LoggerFactory.getLogger("dev.netcode.sample") instanceof ch.qos.logback.classic.Logger l) {
            l.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    private static long processCpuNs() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private void close() {
        hostLoop.stop();
        if (child != null) {
            child.close();
        }
        for (ArenaHost a : arenas) {
            try {
                a.close();
            } catch (RuntimeException ignored) {
                // shutting down
            }
        }
        for (WebRtcTransport t : transports) {
            t.close();
        }
        if (mux != null) {
            mux.close();
        }
        if (handshakes != null) {
            handshakes.close();
        }
        if (ioGroup != null) {
            ioGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
        if (connectionGroup != null) {
            connectionGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    // ------------------------------------------------------------------ the host thread

    /** The host's game thread: wakes at the tick rate, runs every arena, counts late wake-ups. */
    static final class HostLoop {
        private static final int MAX_BACKLOG_TICKS = 10;
        private final long intervalNs;
        private final Thread thread;
        private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
        private volatile boolean running = true;
        volatile ArenaHost[] arenas = new ArenaHost[0];
        // Written by the host thread only; read through call().
        private long ticks;
        private long lateTicks;
        private long maxLateNs;

        record Window(long ticks, long lateTicks, double maxLateMs) {
        }

        HostLoop(int tickHz) {
            this.intervalNs = 1_000_000_000L / tickHz;
            this.thread = new Thread(this::run, "host-tick");
            this.thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        private void run() {
            long planned = System.nanoTime();
            while (running) {
                Runnable task;
                while ((task = tasks.poll()) != null) {
                    task.run();
                }
                long now = System.nanoTime();
                long late = now - planned;
                ticks++;
                if (late > intervalNs) {
                    lateTicks++;
                }
                maxLateNs = Math.max(maxLateNs, late);
                for (ArenaHost a : arenas) {
                    a.update(now);
                }
                planned += intervalNs;
                long behind = System.nanoTime() - planned;
                if (behind > MAX_BACKLOG_TICKS * intervalNs) {
                    // Far behind (a stall): the skipped wake-ups count as late ticks, then re-plan.
                    long skipped = behind / intervalNs;
                    ticks += skipped;
                    lateTicks += skipped;
                    planned += skipped * intervalNs;
                }
                long sleep = planned - System.nanoTime();
                if (sleep > 0) {
                    LockSupport.parkNanos(sleep);
                }
            }
        }

        <T> T call(java.util.function.Supplier<T> task) throws InterruptedException {
            CompletableFuture<T> f = new CompletableFuture<>();
            tasks.add(() -> {
                try {
                    f.complete(task.get());
                } catch (RuntimeException e) {
                    f.completeExceptionally(e);
                }
            });
            try {
                return f.get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("host thread did not answer: " + e, e);
            }
        }

        Window openWindow() throws InterruptedException {
            return call(() -> {
                maxLateNs = 0;
                return new Window(ticks, lateTicks, 0);
            });
        }

        Window closeWindow(Window opened) throws InterruptedException {
            return call(() -> new Window(ticks - opened.ticks(), lateTicks - opened.lateTicks(), maxLateNs / 1e6));
        }

        void stop() {
            running = false;
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ------------------------------------------------------------------ the load generator process

    /** What the child reported. */
    static final class ChildStats {
        int started;
        int connected;
        int dropped;
        int failed;
        long maxFrameLagMs;
        String reasons;
        long bytesIn;
        long cpuNs;
        long nanoTime;
        final List<Long> setupUs = new ArrayList<>();

        static ChildStats parse(String line) {
            ChildStats s = new ChildStats();
            Map<String, String> kv = new HashMap<>();
            for (String part : line.substring("STATS ".length()).split(" ")) {
                int eq = part.indexOf('=');
                kv.put(part.substring(0, eq), part.substring(eq + 1));
            }
            s.started = Integer.parseInt(kv.get("started"));
            s.connected = Integer.parseInt(kv.get("connected"));
            s.dropped = Integer.parseInt(kv.get("dropped"));
            s.failed = Integer.parseInt(kv.get("failed"));
            s.bytesIn = Long.parseLong(kv.get("bytesIn"));
            s.maxFrameLagMs = Long.parseLong(kv.get("maxFrameLagMs"));
            s.reasons = kv.get("reasons");
            s.cpuNs = Long.parseLong(kv.get("cpuNs"));
            s.nanoTime = Long.parseLong(kv.get("nanoTime"));
            String setup = kv.get("setupUs");
            if (!setup.equals("-")) {
                for (String v : setup.split(",")) {
                    s.setupUs.add(Long.parseLong(v));
                }
            }
            return s;
        }
    }

    /** The child JVM: commands to its stdin, signaling and STATS lines from its stdout. */
    static final class ChildProcess {
        private final Process process;
        private final PrintWriter commands;
        private final BlockingQueue<String> statsReplies = new LinkedBlockingQueue<>();
        private final BlockingQueue<String> warmUpReplies = new LinkedBlockingQueue<>();
        private final Path log;
        private volatile PipeSignaling hub;

        private ChildProcess(Process process, Path log) {
            this.process = process;
            this.log = log;
            this.commands = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), false);
        }

        static ChildProcess start(int tickHz, long seed, Path dir) throws IOException, InterruptedException {
            String java = ProcessHandle.current().info().command().orElse("java");
            String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            Path log = dir.resolve("loadgen.log");
            Path logback = dir.resolve("loadgen-logback.xml");
            Files.writeString(logback, """
                    <configuration>
                      <appender name="ERR" class="ch.qos.logback.core.ConsoleAppender">
                        <target>System.err</target>
                        <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{30} - %msg%n</pattern></encoder>
                      </appender>
                      <root level="WARN"><appender-ref ref="ERR"/></root>
                    </configuration>
                    """);
            List<String> command = new ArrayList<>(List.of(java, "-cp", classpath, "-Xss512k"));
            String extra = System.getProperty("netcode.hostscale.childJvmArgs", "").trim();
            if (!extra.isEmpty()) {
                command.addAll(Arrays.asList(extra.split("\\s+"))); // e.g. a profiler for the load generator
            }
            command.addAll(List.of("-Dlogback.configurationFile=" + logback, LoadGenerator.class.getName(),
                    Integer.toString(tickHz), Long.toString(seed)));
            Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
            ChildProcess c = new ChildProcess(p, log);
            BufferedReader replies = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String first;
            do {
                first = replies.readLine(); // a JVM option (e.g. a profiler) may print before READY
            } while (first != null && !first.equals("READY"));
            if (first == null) {
                p.destroyForcibly();
                throw new IOException("load generator did not start (its log: " + log + ")");
            }
            Thread reader = new Thread(() -> c.readLoop(replies), "host-scale-child-reader");
            reader.setDaemon(true);
            reader.start();
            return c;
        }

        private void readLoop(BufferedReader replies) {
            try {
                String line;
                while ((line = replies.readLine()) != null) {
                    if (line.startsWith("STATS ")) {
                        statsReplies.add(line);
                    } else if (line.startsWith("WARMED ")) {
                        warmUpReplies.add(line);
                    } else if (hub != null) {
                        hub.onRemoteLine(line);
                    }
                }
            } catch (IOException e) {
                // the child ended
            }
        }

        synchronized void send(String line) {
            commands.println(line);
            commands.flush();
        }

        ChildStats stats() throws IOException, InterruptedException {
            send("STATS");
            String line = statsReplies.poll(30, TimeUnit.SECONDS);
            if (line == null) {
                throw new IOException("load generator stopped answering (its log: " + log + ")");
            }
            return ChildStats.parse(line);
        }

        /** One client joins and leaves again (not counted anywhere); true if it joined. */
        boolean warmUp() throws IOException, InterruptedException {
            send("WARMUP");
            String line = warmUpReplies.poll(90, TimeUnit.SECONDS);
            if (line == null) {
                throw new IOException("load generator did not finish its warm-up client (its log: " + log + ")");
            }
            return line.equals("WARMED ok");
        }

        void close() {
            try {
                send("QUIT");
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
