package dev.netcode.bench.hostscale;

import dev.netcode.core.transport.Transport;
import dev.netcode.core.transport.TransportAcceptor;
import dev.netcode.core.transport.TransportConnection;
import dev.netcode.core.transport.TransportHandler;
import dev.netcode.core.transport.TransportServer;
import dev.netcode.sample.client.LocalControls;
import dev.netcode.sample.net.ArenaClient;
import dev.netcode.sample.net.GameLoop;
import dev.netcode.webrtc.PeerConnectionConfig;
import dev.netcode.webrtc.ice.IceConfig;
import dev.netcode.webrtc.transport.WebRtcTransport;
import dev.netcode.webrtc.transport.WebRtcTransportConfig;
import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The host-scale harness's second process: N sample-game clients ({@link ArenaClient} with the bot
 * autopilot), each with its own {@link WebRtcTransport} (own ICE agent and UDP socket, own DTLS
 * handshake and SCTP association) to the host process, signaling over stdin/stdout
 * ({@link PipeSignaling}).
 *
 * <p>Commands on stdin, one per line: {@code SIG ...} (signaling), {@code ADD n} (grow to n
 * clients; client i joins arena {@code i / 16}), {@code STATS} (answered by one {@code STATS ...}
 * line), {@code QUIT}. stdout carries only protocol lines; logs go to stderr.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Connects are paced ({@value #CONNECT_CONCURRENCY} handshakes in flight) so the host's
 *       pending-handshake bound never refuses one.</li>
 *   <li>Clients are driven by {@value #DRIVER_THREADS} frame threads at the tick rate; the arena's
 *       60 Hz prediction runs two ticks per frame and sends one input packet per frame (the first
 *       tick rides in it as a redundant input).</li>
 *   <li>Every client's socket and protocol state runs on one epoll group (one loop per core) when
 *       epoll is available; otherwise on the transport's shared NIO group.</li>
 * </ul>
 */
public final class LoadGenerator {
    static final int CONNECT_CONCURRENCY = 16;
    static final int DRIVER_THREADS = 2;
    static final int ARENA_SIZE = 16;
    /** A cold JVM on a loaded machine can take far longer than the default 15 s for its first handshakes. */
    static final long HANDSHAKE_TIMEOUT_MS = 60_000;

    private final PrintStream out;
    private final PipeSignaling hub;
    private final int tickHz;
    private final Random random;
    private final List<GameLoop> drivers = new ArrayList<>();
    private final List<List<ArenaClient>> driverClients = new ArrayList<>();
    private final List<ArenaClient> clients = new CopyOnWriteArrayList<>();
    private final List<Transport> transports = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Long> setupMicros = new ConcurrentLinkedQueue<>();
    private final AtomicLong connectFailures = new AtomicLong();
    private final Semaphore inFlight = new Semaphore(CONNECT_CONCURRENCY);
    private final LocalControls controls = new LocalControls();
    private final Thread connector;
    private final java.util.concurrent.BlockingQueue<Integer> toConnect = new java.util.concurrent.LinkedBlockingQueue<>();
    private int requested;
    /** Epoll loops for every client's socket and protocol state, or null (the transport's shared NIO group). */
    private final io.netty.channel.EventLoopGroup clientGroup;
    private final HostScaleBench.EpollUdp epoll = HostScaleBench.EpollUdp.load();

    private LoadGenerator(PrintStream out, int tickHz, long seed) {
        this.out = out;
        this.tickHz = tickHz;
        this.random = new Random(seed);
        this.hub = new PipeSignaling(this::println);
        // Hundreds of client sockets: epoll's edge-triggered readiness and eventfd wake-ups cost far
        // less per datagram than NIO's selector.
        this.clientGroup = epoll == null ? null : new io.netty.channel.MultiThreadIoEventLoopGroup(
                Runtime.getRuntime().availableProcessors(),
                new io.netty.util.concurrent.DefaultThreadFactory("loadgen-io", true), epoll.ioHandlerFactory());
        for (int d = 0; d < DRIVER_THREADS; d++) {
            List<ArenaClient> mine = new ArrayList<>();
            driverClients.add(mine);
            float dt = 1f / tickHz;
            drivers.add(GameLoop.start("loadgen-driver-" + d, tickHz, now -> {
                for (ArenaClient c : mine) {
                    c.update(dt, controls);
                }
            }));
        }
        connector = new Thread(this::connectLoop, "loadgen-connector");
        connector.setDaemon(true);
        connector.start();
    }

    private synchronized void println(String line) {
        out.println(line);
        out.flush();
    }

    public static void main(String[] args) throws Exception {
        int tickHz = Integer.parseInt(args[0]);
        long seed = Long.parseLong(args[1]);
        // stdout is the protocol channel: anything else printing goes to stderr.
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        System.setOut(System.err);
        LoadGenerator g = new LoadGenerator(protocol, tickHz, seed);
        g.println("READY");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (g.hub.onRemoteLine(line)) {
                continue;
            }
            if (line.startsWith("ADD ")) {
                g.add(Integer.parseInt(line.substring(4).trim()));
            } else if (line.equals("STATS")) {
                g.println(g.stats());
            } else if (line.equals("WARMUP")) {
                g.warmUp();
            } else if (line.equals("QUIT")) {
                break;
            }
        }
        g.close();
        System.exit(0);
    }

    /**
     * One client joins arena 0 and leaves again, outside every statistic, so that the host's
     * zero-client heap is measured after its connection code ran once (classes, signed-jar
     * verification entries, pools). Replies {@code WARMED ok} or {@code WARMED failed} once the
     * client is gone; runs on its own thread so STATS keep being answered.
     */
    private void warmUp() {
        Thread t = new Thread(() -> {
            boolean ok = false;
            WebRtcTransport webrtc = null;
            try {
                webrtc = WebRtcTransport.create(hub.endpoint("client-warmup"), config());
                ArenaClient client = new ArenaClient(webrtc, HostScaleBench.arenaId(0), "warmup", -1);
                GameLoop driver = drivers.get(0);
                List<ArenaClient> list = driverClients.get(0);
                driver.runOnLoop(() -> {
                    list.add(client);
                    client.connect();
                });
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (System.nanoTime() < deadline && !ok) {
                    ArenaClient.Report r = client.report();
                    ok = r.connected() && r.playerId() >= 0;
                    if (!ok && r.disconnectReason() != null) {
                        break;
                    }
                    Thread.sleep(50);
                }
                Thread.sleep(500); // a few snapshots and inputs each way
                CompletableFuture<Void> closed = new CompletableFuture<>();
                driver.runOnLoop(() -> {
                    list.remove(client);
                    client.close();
                    closed.complete(null);
                });
                closed.get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                ok = false;
            } finally {
                if (webrtc != null) {
                    webrtc.close();
                }
            }
            println("WARMED " + (ok ? "ok" : "failed"));
        }, "loadgen-warmup");
        t.setDaemon(true);
        t.start();
    }

    private void add(int total) {
        while (requested < total) {
            toConnect.add(requested++);
        }
    }

    private void connectLoop() {
        try {
            while (true) {
                int index = toConnect.take();
                inFlight.acquire();
                startClient(index);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void startClient(int index) {
        String arena = HostScaleBench.arenaId(index / ARENA_SIZE);
        WebRtcTransport webrtc;
        try {
            webrtc = WebRtcTransport.create(hub.endpoint("client-" + index), config());
        } catch (RuntimeException e) {
            connectFailures.incrementAndGet();
            inFlight.release();
            return;
        }
        transports.add(webrtc);
        TimedTransport timed = new TimedTransport(webrtc);
        ArenaClient client = new ArenaClient(timed, arena, "bot-" + index, index);
        clients.add(client);
        GameLoop driver = drivers.get(index % DRIVER_THREADS);
        List<ArenaClient> list = driverClients.get(index % DRIVER_THREADS);
        driver.runOnLoop(() -> {
            list.add(client);
            client.connect(); // NetClient is confined to its driver thread
        });
    }

    private synchronized WebRtcTransportConfig config() {
        IceConfig ice = IceConfig.builder()
                .hostAddresses(List.of(InetAddress.getLoopbackAddress()))
                .random(new Random(random.nextLong()))
                .build();
        return WebRtcTransportConfig.builder()
                .peerConnection(clientLoops(PeerConnectionConfig.builder().ice(ice).random(new Random(random.nextLong()))).build())
                .singlePort(false)
                .handshakeTimeoutMs(HANDSHAKE_TIMEOUT_MS)
                .random(new Random(random.nextLong()))
                .build();
    }

    private PeerConnectionConfig.Builder clientLoops(PeerConnectionConfig.Builder b) {
        return clientGroup == null ? b : b.eventLoopGroup(clientGroup).datagramChannelClass(epoll.channelClass());
    }

    private String stats() {
        int connected = 0;
        int dropped = 0;
        int neverJoined = 0;
        java.util.TreeMap<String, Integer> reasons = new java.util.TreeMap<>();
        long bytesIn = 0;
        long snapshots = 0;
        long inputTicks = 0;
        for (ArenaClient c : clients) {
            ArenaClient.Report r = c.report();
            if (r.connected() && r.playerId() >= 0) {
                connected++;
            }
            if (!r.wasConnected() && r.disconnectReason() != null) {
                neverJoined++; // ended before the game handshake completed (e.g. its join timeout)
            }
            if (r.wasConnected() && !r.connected()) {
                dropped++;
                String detail = r.disconnectDetail() == null ? "" : r.disconnectDetail().replaceAll("[0-9]+", "N").replaceAll("[^A-Za-z]+", "-");
                reasons.merge(r.disconnectReason() + (detail.isEmpty() ? "" : "[" + detail.substring(0, Math.min(72,
                        detail.length())) + "]"), 1, Integer::sum);
            }
            bytesIn += r.bytesIn();
            snapshots += r.snapshotsReceived();
            inputTicks += r.inputTicks();
        }
        StringBuilder setup = new StringBuilder();
        Long us;
        while ((us = setupMicros.poll()) != null) {
            if (setup.length() > 0) {
                setup.append(',');
            }
            setup.append(us);
        }
        long cpuNs = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
        return "STATS started=" + clients.size() + " connected=" + connected + " dropped=" + dropped
                + " failed=" + (connectFailures.get() + neverJoined) + " bytesIn=" + bytesIn + " snapshots=" + snapshots
                + " inputTicks=" + inputTicks + " cpuNs=" + cpuNs + " nanoTime=" + System.nanoTime()
                + " maxFrameLagMs=" + maxFrameLagMs()
                + " reasons=" + (reasons.isEmpty() ? "-" : reasons.toString().replace(" ", "").replace("{", "").replace("}", ""))
                + " setupUs=" + (setup.length() == 0 ? "-" : setup);
    }

    /** The longest a driver thread has been late for a frame (the load generator's own health). */
    private long maxFrameLagMs() {
        long max = 0;
        for (GameLoop d : drivers) {
            max = Math.max(max, d.maxStallMs());
        }
        return max;
    }

    private void close() {
        connector.interrupt();
        for (GameLoop d : drivers) {
            d.stop();
        }
        for (Transport t : transports) {
            try {
                t.close();
            } catch (RuntimeException ignored) {
                // ending anyway
            }
        }
        if (clientGroup != null) {
            clientGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    /** Times {@code connect} (ICE + DTLS + SCTP + both ready markers) and paces the connects. */
    private final class TimedTransport implements Transport {
        private final Transport delegate;

        TimedTransport(Transport delegate) {
            this.delegate = delegate;
        }

        @Override
        public TransportServer listen(String address, TransportAcceptor acceptor) {
            return delegate.listen(address, acceptor);
        }

        @Override
        public CompletableFuture<TransportConnection> connect(String address, TransportHandler handler) {
            long start = System.nanoTime();
            CompletableFuture<TransportConnection> f;
            try {
                f = delegate.connect(address, handler);
            } catch (RuntimeException e) {
                connectFailures.incrementAndGet();
                inFlight.release();
                throw e;
            }
            f.whenComplete((c, e) -> {
                if (e == null) {
                    setupMicros.add(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start));
                } else {
                    connectFailures.incrementAndGet();
                }
                inFlight.release();
            });
            return f;
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
