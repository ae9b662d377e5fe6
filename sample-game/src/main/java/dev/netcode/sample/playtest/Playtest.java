package dev.netcode.sample.playtest;

import dev.netcode.sample.client.LocalControls;
import dev.netcode.sample.net.ArenaClient;
import dev.netcode.sample.net.ArenaHost;
import dev.netcode.sample.net.GameLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a dedicated {@link ArenaHost} and N bot {@link ArenaClient}s over a
 * {@link PlaytestNetwork} for a given time, samples every client once a second and returns a
 * {@link PlaytestResult} (judged pass or fail) that {@link PlaytestReport} prints and writes.
 *
 * <pre>{@code
 * try (PlaytestNetwork net = new LobbyPlaytestNetwork(LinkPreset.LAN, seed, 8)) {
 *     PlaytestResult result = new Playtest(net, 8, 60, seed, true).run(System.out::println);
 * }
 * }</pre>
 *
 * <h2>Threads</h2>
 * The host runs on its own {@link GameLoop} (240 frames/s, 60 Hz ticks); all bots share a second
 * loop at 60 frames/s, as if each were a client's render loop.
 *
 * <h2>Pass criteria</h2>
 * Every bot joined and is still connected at the end, received snapshots and sent inputs (traffic
 * both ways), and, when {@code requireNoHitch} is set (the default preset), no client had an
 * interpolation hitch (a frame where extrapolation ran out and the picture froze).
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>The clock of {@code seconds} starts once every bot has joined (at most
 *       {@link #CONNECT_TIMEOUT_SECONDS} of waiting): WebRTC setup (ICE, DTLS, SCTP) on a busy
 *       machine takes a few seconds. The first {@link #WARMUP_SECONDS} after that let the
 *       interpolation delay settle: hitches counted then are reported separately, not judged.</li>
 *   <li>Bots connect one after the other, 50 ms apart, like players arriving.</li>
 *   <li>On an overloaded machine the host's own thread may not get the CPU for a while; no
 *       snapshots are made then and clients hitch for a reason that is not the network. The
 *       loops count such stalls (frames more than 100 ms late) and the report shows them next
 *       to the hitches.</li>
 * </ul>
 */
public final class Playtest {
    /** Seconds at the start in which hitches are not judged (connect, clock sync, first snapshots). */
    public static final int WARMUP_SECONDS = 2;
    /** Longest wait for every bot to join before the timed part starts anyway. */
    public static final int CONNECT_TIMEOUT_SECONDS = 30;

    private final PlaytestNetwork network;
    private final int bots;
    private final int seconds;
    private final long seed;
    private final boolean requireNoHitch;
    private final String presetName;

    public Playtest(PlaytestNetwork network, int bots, int seconds, long seed, String presetName, boolean requireNoHitch) {
        if (bots < 1 || bots > dev.netcode.sample.sim.ArenaRules.MAX_PLAYERS) {
            throw new IllegalArgumentException("bots must be 1.." + dev.netcode.sample.sim.ArenaRules.MAX_PLAYERS);
        }
        if (seconds < 1) {
            throw new IllegalArgumentException("seconds must be >= 1");
        }
        this.network = Objects.requireNonNull(network, "network");
        this.bots = bots;
        this.seconds = seconds;
        this.seed = seed;
        this.presetName = presetName;
        this.requireNoHitch = requireNoHitch;
    }

    /**
     * Runs the playtest; {@code progress} gets one line per second.
     *
     * @throws Exception when the host cannot start or the bots get no seats (with a lobby: login,
     *         registration or matchmaking failed)
     */
    public PlaytestResult run(Consumer<String> progress) throws Exception {
        long seatsStartNs = System.nanoTime();
        PlaytestNetwork.PlaytestHost hosted = network.startHost(seed);
        ArenaHost host = hosted.arena();
        List<PlaytestNetwork.BotSeat> seats = network.joinBots(bots);
        if (!"none".equals(network.signalingName())) {
            progress.accept(String.format("host up and %d bots seated through %s signaling in %.1f s%s", bots,
                    network.signalingName(), (System.nanoTime() - seatsStartNs) / 1e9,
                    "lobby".equals(network.signalingName()) ? " (login, host registration, matchmaking, join tokens)" : ""));
        }
        List<ArenaClient> clients = new ArrayList<>();
        for (int i = 0; i < bots; i++) {
            PlaytestNetwork.BotSeat seat = seats.get(i);
            clients.add(new ArenaClient(seat.transport(), seat.hostAddress(), "bot-" + i, seat.joinToken(),
                    seed * 31 + i, network.transportName()));
        }
        GameLoop hostLoop = GameLoop.start("playtest-host", 240, hosted.update());
        LocalControls none = new LocalControls();
        long[] last = {System.nanoTime()};
        int[] started = {0};
        long startNs = System.nanoTime();
        GameLoop botLoop = GameLoop.start("playtest-bots", 60, now -> {
            float dt = (now - last[0]) / 1e9f;
            last[0] = now;
            int due = (int) Math.min(clients.size(), (now - startNs) / 50_000_000L + 1);
            while (started[0] < due) {
                clients.get(started[0]++).connect();
            }
            for (int i = 0; i < started[0]; i++) {
                clients.get(i).update(dt, none);
            }
        });
        PlaytestResult.Series series = new PlaytestResult.Series(bots);
        long[] hitchesAtWarmup = new long[bots];
        double connectSeconds;
        try {
            connectSeconds = awaitJoined(clients, startNs, progress);
            long playStartNs = System.nanoTime();
            for (int s = 1; s <= seconds; s++) {
                long wake = playStartNs + TimeUnit.SECONDS.toNanos(s);
                long sleep = wake - System.nanoTime();
                if (sleep > 0) {
                    TimeUnit.NANOSECONDS.sleep(sleep);
                }
                List<ArenaClient.Report> reports = new ArrayList<>();
                for (ArenaClient c : clients) {
                    reports.add(c.report());
                }
                series.add(s, reports);
                if (s == WARMUP_SECONDS) {
                    for (int i = 0; i < bots; i++) {
                        hitchesAtWarmup[i] = reports.get(i).interpolationHitches();
                    }
                }
                progress.accept(progressLine(s, host, reports));
            }
        } finally {
            botLoop.stop();
            hostLoop.stop();
        }
        double elapsed = (System.nanoTime() - startNs) / 1e9;
        List<ArenaClient.Report> finals = new ArrayList<>();
        for (ArenaClient c : clients) {
            finals.add(c.report());
        }
        PlaytestResult.HostSummary hostSummary = new PlaytestResult.HostSummary(host.ticks(), host.playerCount(),
                host.totalHits(), host.shotsFired(), host.replication().packetsSent(),
                host.replication().maxPayloadBytes(), host.lagCompensator().rewinds(),
                host.lagCompensator().clampedRewinds(), host.inputs().rejectedPackets(),
                hostLoop.errors() + botLoop.errors(), hostLoop.stalls(), botLoop.stalls(),
                Math.max(hostLoop.maxStallMs(), botLoop.maxStallMs()));
        for (ArenaClient c : clients) {
            c.close();
        }
        host.close();
        return PlaytestResult.judge(network.transportName(), network.signalingName(), presetName, bots, seconds, elapsed, connectSeconds, seed,
                requireNoHitch, hostSummary, finals, hitchesAtWarmup, series);
    }

    /**
     * Waits until every bot has joined and received a snapshot, at most {@link #CONNECT_TIMEOUT_SECONDS};
     * returns the seconds it took.
     */
    private double awaitJoined(List<ArenaClient> clients, long startNs, Consumer<String> progress)
            throws InterruptedException {
        long deadline = startNs + TimeUnit.SECONDS.toNanos(CONNECT_TIMEOUT_SECONDS);
        long nextLine = startNs + TimeUnit.SECONDS.toNanos(1);
        while (true) {
            int joined = 0;
            for (ArenaClient c : clients) {
                ArenaClient.Report r = c.report();
                if (r.connected() && r.playerId() >= 0 && r.snapshotsReceived() > 0) {
                    joined++;
                }
            }
            long now = System.nanoTime();
            if (joined == clients.size() || now - deadline >= 0) {
                double took = (now - startNs) / 1e9;
                progress.accept(String.format("%d/%d bots joined over %s in %.1f s%s", joined, clients.size(),
                        network.transportName(), took, joined == clients.size() ? "; playing" : " (timeout); playing anyway"));
                return took;
            }
            if (now - nextLine >= 0) {
                progress.accept(String.format("connecting: %d/%d bots joined over %s", joined, clients.size(),
                        network.transportName()));
                nextLine += TimeUnit.SECONDS.toNanos(1);
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    private String progressLine(int s, ArenaHost host, List<ArenaClient.Report> reports) {
        int connected = 0;
        double rtt = 0;
        long hitches = 0;
        for (ArenaClient.Report r : reports) {
            if (r.connected()) {
                connected++;
                rtt += r.rttMs();
            }
            hitches += r.interpolationHitches();
        }
        return String.format("[%3d/%ds] bots connected %d/%d over %s  mean RTT %5.1f ms  tick %d  hits %d  hitches %d",
                s, seconds, connected, reports.size(), network.transportName(), connected == 0 ? 0.0 : rtt / connected,
                host.ticks(), host.totalHits(), hitches);
    }
}
