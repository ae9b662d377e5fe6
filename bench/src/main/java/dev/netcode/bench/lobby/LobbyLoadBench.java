package dev.netcode.bench.lobby;

import com.fasterxml.jackson.databind.JsonNode;
import dev.netcode.lobby.token.SessionTokens;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * {@code ./netcode bench lobby}: how many concurrent WebSocket sessions one lobby node holds on this
 * machine while its sessions sit in rooms and relay signaling.
 *
 * <p>The lobby (embedded in-memory store) runs in a child JVM ({@link LobbyBenchServer}) so its heap
 * is measured alone and its sockets do not count against the load generator's file-descriptor
 * limit. The load generator is a Netty WebSocket client: every session is one channel on a shared
 * event-loop group (no thread per session). Phases:
 * <ol>
 *   <li><b>connect</b> up to {@code sessions} WebSockets (at most {@code connectConcurrency}
 *       handshakes in flight), each authenticated with a session token minted with the lobby's key
 *       (HTTP login is not what is measured here), until the target or the first resource limit
 *       (file descriptors, refused connections);</li>
 *   <li><b>rooms</b>: groups of {@code roomSize} sessions, the first creates a room, the others
 *       join it;</li>
 *   <li><b>relay</b>: every session sends a {@code signal} to the next member of its room at a
 *       fixed rate ({@code signalsPerSecond} in total, spread evenly), payload = send time +
 *       padding; the receiver records the relay latency (same JVM, same clock). After a warm-up
 *       second, the signals sent during {@code durationSeconds} are counted and awaited. With
 *       {@code ramp}, the rate then grows by 1.5x per step until a step is not sustained (the
 *       generator could not send it, signals were lost or late, or p99 exceeded {@code maxP99Ms};
 *       a step that failed on latency alone is measured once more before the ramp stops).</li>
 * </ol>
 * The result is one line of JSON ({@link Result#json()}): the top-level rate and latency figures are
 * those of the highest sustained step ({@code rateSustained: false} if none was), every step is
 * listed in {@code steps}.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>The load generator shares the machine (here: its two cores) with the lobby, so figures
 *       are a lower bound of what the lobby alone does.</li>
 *   <li>Every session needs one descriptor in each process: the generator caps {@code sessions}
 *       at its {@code ulimit -n} minus a reserve and says so ({@code limitedBy}).</li>
 * </ul>
 */
public final class LobbyLoadBench {
    /** Descriptors kept free for jars, pipes, epoll and the JVM itself. */
    static final int FD_RESERVE = 200;
    /** How long a step waits for its last signals to arrive. */
    static final long DRAIN_MS = 3_000;

    /** What to run. */
    /**
     * What to run.
     *
     * @param signalsPerSecond   the (first) offered relay rate, in signals per second in total
     * @param ramp               raise the rate by 1.5x after every sustained step, up to
     *                           {@code maxSignalsPerSecond}; false holds {@code signalsPerSecond} once
     * @param durationSeconds    measured seconds per step (after 1 s of warm-up)
     * @param maxP99Ms           a step with a higher p99 relay latency is not sustained
     */
    public record Options(int sessions, int roomSize, int signalsPerSecond, boolean ramp, int maxSignalsPerSecond,
                          double maxP99Ms, int durationSeconds, int payloadChars, int connectConcurrency, long seed) {
        public Options {
            if (sessions < 2 || roomSize < 2 || signalsPerSecond < 1 || durationSeconds < 1 || payloadChars < 0
                    || connectConcurrency < 1 || maxP99Ms <= 0) {
                throw new IllegalArgumentException("sessions, roomSize >= 2; rate, duration, concurrency >= 1; payload >= 0");
            }
        }
    }

    /** The figures of one run. */
    public record Result(int sessionsRequested, int sessionsHeld, int sessionsAtEnd, int rooms, int roomSize,
                         long fdLimit, String limitedBy, int connectFailures, double connectSeconds,
                         int offeredSignalsPerSecond, double messagesPerSecond, long signalsSent, long signalsReceived,
                         long signalErrors, double p50RelayLatencyMs, double p99RelayLatencyMs, double maxRelayLatencyMs,
                         long serverHeapBytesBaseline, long serverHeapBytesLoaded, long heapBytesPerSession,
                         int durationSeconds, long seed, boolean sustained, List<Step> steps) {
        /** One line of JSON. */
        public String json() {
            return String.format(Locale.ROOT, "{\"bench\":\"lobby\",\"sessionsRequested\":%d,\"sessionsHeld\":%d,"
                            + "\"sessionsAtEnd\":%d,\"rooms\":%d,\"roomSize\":%d,\"ulimitN\":%d,\"limitedBy\":\"%s\","
                            + "\"connectFailures\":%d,\"connectSeconds\":%.1f,\"offeredSignalsPerSecond\":%d,"
                            + "\"messagesPerSecond\":%.0f,\"signalsSent\":%d,\"signalsReceived\":%d,\"signalErrors\":%d,"
                            + "\"p50RelayLatencyMs\":%.2f,\"p99RelayLatencyMs\":%.2f,\"maxRelayLatencyMs\":%.2f,"
                            + "\"serverHeapBytesBaseline\":%d,\"serverHeapBytesLoaded\":%d,\"heapBytesPerSession\":%d,"
                            + "\"durationSeconds\":%d,\"rateSustained\":%b,\"seed\":%d,\"steps\":[%s]}",
                    sessionsRequested, sessionsHeld, sessionsAtEnd, rooms, roomSize, fdLimit, limitedBy, connectFailures,
                    connectSeconds, offeredSignalsPerSecond, messagesPerSecond, signalsSent, signalsReceived, signalErrors,
                    p50RelayLatencyMs, p99RelayLatencyMs, maxRelayLatencyMs, serverHeapBytesBaseline, serverHeapBytesLoaded,
                    heapBytesPerSession, durationSeconds, sustained, seed,
                    String.join(",", steps.stream().map(Step::json).toList()));
        }
    }

    private LobbyLoadBench() {
    }

    /**
     * Runs the benchmark; {@code progress} receives human-readable phase lines (the launcher prints
     * them to stderr, a test may drop them).
     */
    public static Result run(Options o, Consumer<String> progress) throws Exception {
        long fdLimit = fileDescriptorLimit();
        int target = o.sessions();
        String limitedBy = "none";
        if (fdLimit > 0 && target > fdLimit - FD_RESERVE) {
            target = (int) Math.max(2, fdLimit - FD_RESERVE);
            limitedBy = "ulimit -n " + fdLimit + " (load generator)";
            progress.accept("capping sessions at " + target + ": ulimit -n is " + fdLimit + " (raise it to hold more)");
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        SessionTokens tokens = new SessionTokens(key, Duration.ofHours(2), Clock.systemUTC());
        Random random = new Random(o.seed());

        try (ServerProcess server = ServerProcess.start(key, target + 100)) {
            long heapBaseline = server.heapBytes();
            progress.accept("lobby child JVM on port " + server.port + ", heap after GC " + heapBaseline / 1024 + " KiB");
            EventLoopGroup group = new MultiThreadIoEventLoopGroup(Math.max(2, Runtime.getRuntime().availableProcessors()),
                    NioIoHandler.newFactory());
            BenchSession.Counters counters = new BenchSession.Counters();
            List<BenchSession> held = new ArrayList<>(target);
            List<ScheduledFuture<?>> schedules = new ArrayList<>();
            try {
                // ---- connect and form rooms in two waves: the heap difference between the waves is
                // the cost of the second wave's sessions alone (class loading, pools and JIT warmed
                // up in the first wave).
                Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                        .option(ChannelOption.TCP_NODELAY, true)
                        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000);
                Wave wave = new Wave(bootstrap, server.port, tokens, counters, o, progress);
                int firstWave = Math.max(o.roomSize(), (target / 2) / o.roomSize() * o.roomSize());
                long connectStart = System.nanoTime();
                wave.connect(0, Math.min(firstWave, target), held);
                int rooms = wave.formRooms(held, 0);
                int heldAfterFirst = held.size();
                long heapFirst = server.heapBytes();
                if (wave.stopReason == null && target > firstWave) {
                    wave.connect(firstWave, target, held);
                    rooms += wave.formRooms(held, heldAfterFirst);
                }
                double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
                if (wave.stopReason != null && "none".equals(limitedBy)) {
                    limitedBy = wave.stopReason;
                }
                progress.accept(String.format(Locale.ROOT, "held %d sessions in %d rooms after %.1f s (%d connects failed,"
                                + " %d room requests failed); server says %d", held.size(), rooms, connectSeconds,
                        wave.failures.get(), wave.roomFailures, server.connections()));
                long heapLoaded = server.heapBytes();
                int secondWave = held.size() - heldAfterFirst;
                long perSession = secondWave > 0
                        ? Math.max(0, heapLoaded - heapFirst) / secondWave
                        : Math.max(0, heapLoaded - heapBaseline) / Math.max(1, held.size());
                progress.accept("server heap after GC: " + heapBaseline / 1024 + " KiB idle, " + heapFirst / 1024 + " KiB with "
                        + heldAfterFirst + " sessions, " + heapLoaded / 1024 + " KiB with " + held.size() + " (" + perSession
                        + " B/session)");
                int failuresTotal = wave.failures.get();

                // ---- relay: fixed rate, or a ramp up to the first rate the lobby cannot sustain
                String padding = "x".repeat(o.payloadChars());
                List<Step> steps = new ArrayList<>();
                Step best = null;
                int rate = o.signalsPerSecond();
                while (true) {
                    schedules.forEach(f -> f.cancel(false));
                    schedules.clear();
                    double periodNs = held.size() * 1e9 / rate;
                    for (BenchSession s : held) {
                        long initialNs = (long) (random.nextDouble() * periodNs);
                        io.netty.channel.Channel ch = s.channel();
                        if (ch != null && ch.isActive()) {
                            schedules.add(ch.eventLoop().scheduleAtFixedRate(() -> s.sendSignal(padding), initialNs,
                                    Math.max(1, (long) periodNs), TimeUnit.NANOSECONDS));
                        }
                    }
                    Step step = measure(counters, rate, o, progress);
                    steps.add(step);
                    if (!step.sustained && step.received >= 0.999 * step.sent) {
                        // Only latency failed: on a shared machine one stall can do that. Measure
                        // the same rate once more; it counts as not sustained only if both fail.
                        step = measure(counters, rate, o, progress);
                        steps.add(step);
                    }
                    if (step.sustained) {
                        best = step;
                    }
                    if (!o.ramp() || !step.sustained || rate >= o.maxSignalsPerSecond()) {
                        break;
                    }
                    rate = (int) Math.min(o.maxSignalsPerSecond(), Math.round(rate * 1.5));
                }
                schedules.forEach(f -> f.cancel(false));
                Thread.sleep(500);
                int atEnd = (int) held.stream().filter(BenchSession::isOpen).count();
                Step report = best != null ? best : steps.get(0);
                progress.accept(String.format(Locale.ROOT, "%s %d signals/s (p99 %.1f ms); %d sessions still open",
                        best != null ? "sustained up to" : "could not sustain even", report.offered, report.p99Ms, atEnd));
                return new Result(o.sessions(), held.size(), atEnd, rooms, o.roomSize(), fdLimit, limitedBy, failuresTotal,
                        connectSeconds, report.offered, report.deliveredPerSecond, report.sent, report.received,
                        counters.signalErrors.get(), report.p50Ms, report.p99Ms, report.maxMs, heapBaseline, heapLoaded,
                        perSession, o.durationSeconds(), o.seed(), best != null, List.copyOf(steps));
            } finally {
                schedules.forEach(f -> f.cancel(false));
                group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(30, TimeUnit.SECONDS);
            }
        }
    }

    /** One relay rate held for {@code durationSeconds}. */
    public record Step(int offered, long sent, long received, double deliveredPerSecond, double p50Ms, double p99Ms,
                       double maxMs, boolean sustained) {
        String json() {
            return String.format(Locale.ROOT, "{\"offered\":%d,\"sent\":%d,\"received\":%d,\"deliveredPerSecond\":%.0f,"
                    + "\"p50Ms\":%.2f,\"p99Ms\":%.2f,\"sustained\":%b}", offered, sent, received, deliveredPerSecond, p50Ms,
                    p99Ms, sustained);
        }
    }

    /**
     * Holds the current schedule for 1 s of warm-up, then counts the signals sent during
     * {@code durationSeconds}, and waits up to {@link #DRAIN_MS} for them to arrive. Sustained means:
     * the generator sent at least 95 % of the offered rate, at least 99.9 % of what it sent arrived,
     * and p99 relay latency stayed within {@code maxP99Ms}.
     */
    private static Step measure(BenchSession.Counters counters, int rate, Options o, Consumer<String> progress)
            throws InterruptedException {
        long start = System.nanoTime() + 1_000_000_000L;
        long end = start + o.durationSeconds() * 1_000_000_000L;
        BenchSession.Window w = new BenchSession.Window(start, end);
        counters.window = w;
        Thread.sleep((end - System.nanoTime()) / 1_000_000 + 1);
        long drainUntil = System.currentTimeMillis() + DRAIN_MS;
        while (w.received.get() < w.sent.get() && System.currentTimeMillis() < drainUntil) {
            Thread.sleep(20);
        }
        counters.window = null;
        long sent = w.sent.get();
        long received = w.received.get();
        double seconds = o.durationSeconds();
        double p99 = w.latency.percentileMs(0.99);
        boolean sustained = sent >= 0.95 * rate * seconds && received >= 0.999 * sent && p99 <= o.maxP99Ms();
        Step step = new Step(rate, sent, received, received / seconds, w.latency.percentileMs(0.50), p99,
                w.latency.percentileMs(1.0), sustained);
        progress.accept(String.format(Locale.ROOT, "offered %d signals/s: sent %d, relayed %d (%.0f/s), p50 %.2f ms,"
                + " p99 %.2f ms -> %s", rate, sent, received, step.deliveredPerSecond, step.p50Ms, p99,
                sustained ? "sustained" : "NOT sustained"));
        return step;
    }

    /** Connects sessions and forms rooms; remembers why it stopped early, if it did. */
    private static final class Wave {
        private final Bootstrap bootstrap;
        private final int port;
        private final SessionTokens tokens;
        private final BenchSession.Counters counters;
        private final Options o;
        private final Consumer<String> progress;
        private final AtomicLong rids = new AtomicLong(1);
        final AtomicInteger failures = new AtomicInteger();
        private final AtomicInteger consecutiveFailures = new AtomicInteger();
        private final List<String> firstErrors = new java.util.concurrent.CopyOnWriteArrayList<>();
        int roomFailures;
        String stopReason;

        Wave(Bootstrap bootstrap, int port, SessionTokens tokens, BenchSession.Counters counters, Options o,
             Consumer<String> progress) {
            this.bootstrap = bootstrap;
            this.port = port;
            this.tokens = tokens;
            this.counters = counters;
            this.o = o;
            this.progress = progress;
        }

        /** Opens sessions {@code from..to-1} (at most connectConcurrency handshakes in flight) and adds those that got ready. */
        void connect(int from, int to, List<BenchSession> held) throws InterruptedException {
            Semaphore inFlight = new Semaphore(o.connectConcurrency());
            List<CompletableFuture<BenchSession>> attempts = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                if (consecutiveFailures.get() >= 50) {
                    stopReason = "connect failures after " + i + " attempts: " + (firstErrors.isEmpty() ? "?" : firstErrors.get(0));
                    progress.accept("stopping: " + stopReason);
                    break;
                }
                inFlight.acquire();
                String userId = "bench-" + i;
                CompletableFuture<BenchSession> attempt = LobbyLoadBench.connect(bootstrap, port,
                        tokens.issue(userId, userId, List.of()), userId, rids, counters);
                attempts.add(attempt);
                attempt.orTimeout(60, TimeUnit.SECONDS).whenComplete((s, e) -> {
                    inFlight.release();
                    if (e != null) {
                        failures.incrementAndGet();
                        consecutiveFailures.incrementAndGet();
                        if (firstErrors.size() < 3) {
                            firstErrors.add(e.getClass().getSimpleName() + ": " + e.getMessage());
                        }
                    } else {
                        consecutiveFailures.set(0);
                    }
                });
                if ((i + 1) % 1000 == 0) {
                    progress.accept("connecting: " + (i + 1) + " started, " + failures.get() + " failed");
                }
            }
            for (CompletableFuture<BenchSession> a : attempts) {
                try {
                    held.add(a.get(90, TimeUnit.SECONDS));
                } catch (Exception e) {
                    // counted in failures
                }
            }
            if (stopReason == null && failures.get() > 0) {
                stopReason = failures.get() + " connects failed, first: " + firstErrors.get(0);
            }
        }

        /** Groups {@code held[from..]} into rooms of roomSize: the first creates, the others join by code. */
        int formRooms(List<BenchSession> held, int from) {
            int rooms = 0;
            List<CompletableFuture<?>> joins = new ArrayList<>();
            for (int first = from; first + 1 < held.size(); first += o.roomSize()) {
                List<BenchSession> members = held.subList(first, Math.min(first + o.roomSize(), held.size()));
                rooms++;
                for (int m = 0; m < members.size(); m++) {
                    members.get(m).signalTarget = members.get((m + 1) % members.size()).userId;
                }
                List<BenchSession> joiners = List.copyOf(members.subList(1, members.size()));
                joins.add(members.get(0).request("room.create", "\"maxPlayers\":" + o.roomSize() + ",\"public\":false")
                        .thenCompose(room -> CompletableFuture.allOf(joiners.stream()
                                .map(s -> s.request("room.join", "\"joinCode\":\"" + room.path("joinCode").asText() + "\""))
                                .toArray(CompletableFuture[]::new))));
            }
            for (CompletableFuture<?> j : joins) {
                try {
                    j.get(120, TimeUnit.SECONDS);
                } catch (Exception e) {
                    roomFailures++;
                }
            }
            return rooms;
        }
    }

    private static CompletableFuture<BenchSession> connect(Bootstrap bootstrap, int port, String token, String userId,
                                                           AtomicLong rids, BenchSession.Counters counters) {
        BenchSession session = new BenchSession(userId, rids, counters);
        URI uri = URI.create("ws://127.0.0.1:" + port + "/ws?token=" + token);
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri)
                .handshakeTimeoutMillis(60_000)
                .maxFramePayloadLength(64 * 1024)
                .build();
        ChannelFuture f;
        try {
            f = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(8192),
                            new WebSocketClientProtocolHandler(config), session);
                }
            }).connect("127.0.0.1", port);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        f.addListener(done -> {
            if (!done.isSuccess()) {
                session.ready.completeExceptionally(done.cause());
            }
        });
        return session.ready;
    }

    /** {@code ulimit -n} of this process as the JVM sees it, or -1 if unknown. */
    static long fileDescriptorLimit() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return -1;
    }

    /** The lobby child JVM and its stdin/stdout command channel. */
    private static final class ServerProcess implements AutoCloseable {
        private final Process process;
        private final PrintWriter commands;
        private final BufferedReader replies;
        private final Path log;
        final int port;

        private ServerProcess(Process process, Path log) throws IOException {
            this.process = process;
            this.log = log;
            this.commands = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
            this.replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            this.port = Integer.parseInt(expect("PORT"));
        }

        static ServerProcess start(byte[] key, int maxConnections) throws IOException {
            String java = ProcessHandle.current().info().command().orElse("java");
            String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            Path log = Files.createTempFile("netcode-bench-lobby-", ".log");
            Process p = new ProcessBuilder(java, "-cp", classpath, "-XX:+UseParallelGC",
                    "-Dlogback.configurationFile=" + quietLogback(), LobbyBenchServer.class.getName(),
                    HexFormat.of().formatHex(key), Integer.toString(maxConnections))
                    .redirectError(log.toFile()).start();
            try {
                return new ServerProcess(p, log);
            } catch (IOException | RuntimeException e) {
                p.destroyForcibly();
                throw e;
            }
        }

        private static String quietLogback() throws IOException {
            Path config = Files.createTempFile("netcode-bench-lobby-logback-", ".xml");
            Files.writeString(config, """
                    <configuration>
                      <appender name="ERR" class="ch.qos.logback.core.ConsoleAppender">
                        <target>System.err</target>
                        <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{30} - %msg%n</pattern></encoder>
                      </appender>
                      <root level="WARN"><appender-ref ref="ERR"/></root>
                    </configuration>
                    """);
            config.toFile().deleteOnExit();
            return config.toString();
        }

        private String expect(String prefix) throws IOException {
            String line;
            while ((line = replies.readLine()) != null) {
                if (line.startsWith(prefix + " ")) {
                    return line.substring(prefix.length() + 1).trim();
                }
            }
            throw new IOException("lobby child JVM ended without '" + prefix + "' (its log: " + log + ")");
        }

        long heapBytes() throws IOException {
            commands.println("heap");
            return Long.parseLong(expect("HEAP"));
        }

        int connections() throws IOException {
            commands.println("conns");
            return Integer.parseInt(expect("CONNS"));
        }

        @Override
        public void close() throws InterruptedException {
            commands.println("quit");
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return; // keep the log
            }
            if (process.exitValue() != 0) {
                return; // keep the log: its path was in the error
            }
            try {
                Files.deleteIfExists(log);
            } catch (IOException ignored) {
                // a temp file
            }
        }
    }
}
