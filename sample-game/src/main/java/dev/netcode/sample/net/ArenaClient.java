package dev.netcode.sample.net;

import dev.netcode.core.Channel;
import dev.netcode.core.Connection;
import dev.netcode.core.ConnectionStats;
import dev.netcode.core.DisconnectReason;
import dev.netcode.core.NetClient;
import dev.netcode.core.NetListener;
import dev.netcode.core.interpolation.EntityInterpolator;
import dev.netcode.core.interpolation.SnapshotBuffer;
import dev.netcode.core.interpolation.TimeSource;
import dev.netcode.core.prediction.InputPacket;
import dev.netcode.core.prediction.PredictedClient;
import dev.netcode.core.prediction.PredictionModel;
import dev.netcode.core.replication.ReplicationClient;
import dev.netcode.core.snapshot.Snapshot;
import dev.netcode.core.transport.Transport;
import dev.netcode.sample.bot.BotBrain;
import dev.netcode.sample.client.GameSession;
import dev.netcode.sample.client.GameView;
import dev.netcode.sample.client.LocalControls;
import dev.netcode.sample.client.NetworkStatsSource;
import dev.netcode.sample.sim.ArenaRules;
import dev.netcode.sample.sim.PlayerInput;
import dev.netcode.sample.sim.PlayerMotion;
import dev.netcode.sample.sim.PlayerView;
import dev.netcode.sample.sim.ShotEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One player's networked session over any {@link Transport}: the desktop client's
 * {@link GameSession} and, with an autopilot, a headless bot.
 *
 * <h2>Usage</h2>
 * <pre>{@code
 * ArenaClient session = new ArenaClient(transport, "arena", "alice", -1);   // -1: no autopilot
 * session.connect();
 * // every frame, on one thread (the libGDX render thread):
 * session.update(deltaSeconds, controls);
 * draw(session.view());
 * }</pre>
 *
 * <h2>What happens in a frame</h2>
 * <ol>
 *   <li>{@code NetClient.update()} delivers messages; snapshots go to core's
 *       {@link ReplicationClient} (decode, ack, clock sync, interpolation buffer).</li>
 *   <li>A newer snapshot reconciles the local player: {@link PredictedClient} compares the state
 *       after the input the host acknowledged (the {@code ack} field of our own entity) with what
 *       it predicted and replays the unacknowledged inputs if they differ.</li>
 *   <li>Fixed ticks at the pace the host asks for ({@link PredictedClient#tickDurationMs()}): each
 *       turns the controls (or the bot brain's decision) into a {@link PlayerInput}, predicts it
 *       and sends it with the previous two.</li>
 *   <li>Remote players are blended between the two snapshots around render time; the local player
 *       is drawn at its predicted position plus the decaying correction offset.</li>
 * </ol>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Not thread-safe: one thread calls {@link #update}, {@link #view()} and the stats. Figures
 *       for other threads come from {@link #report()}, which is safe to call anywhere.</li>
 *   <li>Before the host's Welcome and first snapshot there is no local player
 *       ({@link #localPlayerId()} is -1) and inputs are not sent.</li>
 *   <li>{@link #close()} closes the {@link NetClient}, not the transport.</li>
 * </ul>
 */
public final class ArenaClient implements GameSession, GameView, NetworkStatsSource, AutoCloseable {
    private static final float MAX_FRAME_SECONDS = 0.25f;
    private static final int MAX_TICKS_PER_FRAME = 8;
    private static final float SHOT_VISIBLE_SECONDS = 0.3f;

    private final NetClient client;
    private final ReplicationClient replication;
    private final String address;
    private final String name;
    private final String joinToken;
    private final long autopilotSeed;
    private final String transportName;
    private final EntityInterpolator interpolator = new EntityInterpolator(ArenaProtocol.PLAYER);
    private final float[] blended = new float[interpolator.outputSize()];
    private final int xOut = interpolator.outputOffset("x");
    private final int yOut = interpolator.outputOffset("y");
    private final int aimOut = interpolator.outputOffset("aim");
    private final ViewPlayer[] pool = new ViewPlayer[ArenaRules.MAX_PLAYERS];
    private final ViewPlayer[] shown = new ViewPlayer[ArenaRules.MAX_PLAYERS];
    private final String[] names = new String[ArenaRules.MAX_PLAYERS];
    private final List<ShotEvent> shots = new ArrayList<>();
    private final List<Float> shotTimes = new ArrayList<>();
    private final double[] renderXy = new double[2];
    private int shownCount;
    private int localId = -1;
    private String hostName = "";
    private BotBrain autopilot;
    private PredictedClient<Body, PlayerInput> predicted;
    private Snapshot lastReconciled;
    private double accumulatorMs;
    private float clockSeconds;
    private volatile Report report = Report.EMPTY;
    private volatile boolean wasConnected;
    private volatile DisconnectReason disconnectReason;
    private volatile String disconnectDetail;
    private long framesWithRemote;
    private long frames;

    /**
     * @param transport the transport to reach the host with
     * @param address the host's address in that transport
     * @param name display name
     * @param autopilotSeed seed of a bot brain that plays this player, or -1 to play from the controls
     */
    public ArenaClient(Transport transport, String address, String name, long autopilotSeed) {
        this(transport, address, name, null, autopilotSeed, transport.getClass().getSimpleName());
    }

    /**
     * @param joinToken the lobby's join token for this seat, or null
     * @param transportName how to name the transport in the status line and reports
     */
    public ArenaClient(Transport transport, String address, String name, String joinToken, long autopilotSeed,
                       String transportName) {
        this.address = Objects.requireNonNull(address, "address");
        this.name = Objects.requireNonNull(name, "name");
        this.joinToken = joinToken;
        this.autopilotSeed = autopilotSeed;
        this.transportName = transportName;
        this.replication = new ReplicationClient(ArenaProtocol.SCHEMAS, ArenaProtocol.REPLICATION, TimeSource.SYSTEM);
        this.client = new NetClient(ArenaProtocol.netConfig(), ArenaProtocol.registry(), transport,
                replication.listener(new Listener()));
        for (int i = 0; i < pool.length; i++) {
            pool[i] = new ViewPlayer();
        }
    }

    /** Starts connecting; the outcome shows in {@link #connected()} and {@link #report()}. */
    public void connect() {
        client.connect(address);
    }

    private final class Listener implements NetListener {
        @Override
        public void connected(Connection connection) {
            wasConnected = true;
            connection.send(new ArenaProtocol.Join(name, joinToken), Channel.RELIABLE_ORDERED);
        }

        @Override
        public void received(Connection connection, Object message, Channel channel) {
            if (predicted != null && predicted.handle(message)) {
                return;
            }
            if (message instanceof ArenaProtocol.Welcome welcome) {
                if (welcome.playerId >= 0 && welcome.playerId < ArenaRules.MAX_PLAYERS && localId < 0) {
                    localId = welcome.playerId;
                    hostName = welcome.hostName == null ? "" : welcome.hostName;
                    if (autopilotSeed >= 0) {
                        autopilot = new BotBrain(localId, autopilotSeed);
                    }
                }
            } else if (message instanceof ArenaProtocol.Roster roster) {
                onRoster(roster);
            } else if (message instanceof ArenaProtocol.Shots s) {
                onShots(s);
            }
        }

        @Override
        public void disconnected(Connection connection, DisconnectReason reason) {
            disconnectReason = reason;
            disconnectDetail = connection.disconnectDetail();
        }
    }

    private void onRoster(ArenaProtocol.Roster roster) {
        if (roster.ids == null || roster.names == null || roster.ids.length != roster.names.length) {
            return;
        }
        java.util.Arrays.fill(names, null);
        for (int i = 0; i < roster.ids.length; i++) {
            int id = roster.ids[i];
            if (id >= 0 && id < names.length && roster.names[i] != null) {
                String n = roster.names[i];
                names[id] = n.length() > ArenaProtocol.MAX_NAME_CHARS ? n.substring(0, ArenaProtocol.MAX_NAME_CHARS) : n;
            }
        }
    }

    private void onShots(ArenaProtocol.Shots s) {
        if (s.segments == null || s.players == null || s.segments.length != 2 * s.players.length
                || s.players.length > 2 * ArenaRules.MAX_PLAYERS) {
            return;
        }
        for (int i = 0; i < s.players.length / 2; i++) {
            shots.add(new ShotEvent(s.tick, s.players[2 * i], s.segments[4 * i], s.segments[4 * i + 1],
                    s.segments[4 * i + 2], s.segments[4 * i + 3], s.players[2 * i + 1]));
            shotTimes.add(clockSeconds);
        }
    }

    @Override
    public void update(float deltaSeconds, LocalControls controls) {
        float dt = Math.min(Math.max(deltaSeconds, 0f), MAX_FRAME_SECONDS);
        clockSeconds += dt;
        client.update();
        boolean haveSample = replication.update();
        reconcile();
        if (predicted != null) {
            accumulatorMs += dt * 1000.0;
            int steps = 0;
            InputPacket unsent = null;
            int unsentTicks = 0;
            while (accumulatorMs >= predicted.tickDurationMs() && steps < MAX_TICKS_PER_FRAME) {
                accumulatorMs -= predicted.tickDurationMs();
                unsent = predicted.tick(nextInput(controls));
                unsentTicks++;
                steps++;
                if (unsentTicks >= ArenaProtocol.PREDICTION.redundancy()) {
                    sendInputs(unsent); // every input must travel in at least one packet
                    unsent = null;
                    unsentTicks = 0;
                }
            }
            if (unsent != null) {
                // One packet per frame, not per simulation tick: at 30 frames a second and a 60 Hz
                // simulation this halves the input packets (and their SACKs and DTLS records) each
                // way; the packet carries the frame's earlier ticks as its redundant inputs.
                sendInputs(unsent);
            }
            if (steps == MAX_TICKS_PER_FRAME) {
                accumulatorMs = 0;
            }
            predicted.renderPosition(dt * 1000.0, renderXy);
        }
        buildView(haveSample);
        expireShots();
        frames++;
        publishReport();
    }

    private void reconcile() {
        Snapshot latest = replication.latest();
        if (latest == null || latest == lastReconciled || localId < 0) {
            return;
        }
        int index = latest.indexOf(localId);
        if (index < 0) {
            return;
        }
        lastReconciled = latest;
        int[] s = latest.copyState(index);
        Body body = new Body(ArenaProtocol.X.get(s), ArenaProtocol.Y.get(s), ArenaProtocol.ALIVE.get(s));
        int ack = ArenaProtocol.ACK.get(s);
        if (predicted == null) {
            // The host numbers our inputs as we do: the stream starts at tick 0.
            predicted = new PredictedClient<>(MODEL, ArenaProtocol.PREDICTION, body, 0);
        } else {
            predicted.onAuthoritativeState(ack, body);
        }
    }

    private void sendInputs(InputPacket packet) {
        for (int i = 0; i < predicted.copiesPerTick(); i++) {
            packet.sequence = predicted.nextSequence();
            client.send(packet, ArenaProtocol.PREDICTION.inputChannel());
        }
    }

    private PlayerInput nextInput(LocalControls controls) {
        int tick = predicted.nextTick();
        long delayNs = replication.interpolator().timeline().delayNs();
        int viewDelay = (int) Math.round(Math.max(0, delayNs) / (1e9 / ArenaRules.TICK_RATE_HZ));
        PlayerInput in = autopilot != null
                ? autopilot.think(this, tick)
                : PlayerInput.of(tick, controls.moveX, controls.moveY, controls.aimRadians, controls.fire);
        localAim = PlayerInput.aimToRadians(in.aim());
        return new PlayerInput(tick, in.moveX(), in.moveY(), in.aim(), in.fire(), (byte) Math.min(viewDelay, 255));
    }

    private void buildView(boolean haveSample) {
        shownCount = 0;
        SnapshotBuffer.Sample<Snapshot> sample = haveSample ? replication.sample() : null;
        Snapshot latest = replication.latest();
        boolean remoteShown = false;
        for (int id = 0; id < ArenaRules.MAX_PLAYERS; id++) {
            ViewPlayer v = pool[id];
            if (id == localId && predicted != null && latest != null && latest.indexOf(id) >= 0) {
                int[] s = latest.copyState(latest.indexOf(id));
                Body b = predicted.state();
                v.set(id, (float) renderXy[0], (float) renderXy[1], localAim, s, b.alive);
                shown[shownCount++] = v;
            } else if (id != localId && sample != null && replication.interpolate(interpolator, id, blended)) {
                Snapshot newest = sample.to.indexOf(id) >= 0 ? sample.to : sample.from;
                int[] s = newest.copyState(newest.indexOf(id));
                v.set(id, blended[xOut], blended[yOut], blended[aimOut], s, ArenaProtocol.ALIVE.get(s));
                shown[shownCount++] = v;
                remoteShown = true;
            }
        }
        if (remoteShown) {
            framesWithRemote++;
        }
    }

    private float localAim;

    private void expireShots() {
        while (!shotTimes.isEmpty() && clockSeconds - shotTimes.get(0) > SHOT_VISIBLE_SECONDS) {
            shotTimes.remove(0);
            shots.remove(0);
        }
    }

    private void publishReport() {
        Connection c = client.connection();
        ConnectionStats st = c == null ? null : c.stats();
        Snapshot latest = replication.latest();
        int hits = 0;
        int kills = 0;
        int deaths = 0;
        if (latest != null && localId >= 0 && latest.indexOf(localId) >= 0) {
            int[] s = latest.copyState(latest.indexOf(localId));
            hits = ArenaProtocol.HITS.get(s);
            kills = ArenaProtocol.KILLS.get(s);
            deaths = ArenaProtocol.DEATHS.get(s);
        }
        report = new Report(name, localId, wasConnected, client.isConnected(), disconnectReason, disconnectDetail,
                st == null ? 0 : st.smoothedRttMs(), st == null ? 0 : st.rttJitterMs(),
                st == null ? 0 : st.lossInPercent(), st == null ? 0 : st.lossOutPercent(),
                st == null ? 0 : st.bytesIn(), st == null ? 0 : st.bytesOut(),
                st == null ? 0 : st.bytesInPerSecond(), st == null ? 0 : st.bytesOutPerSecond(),
                replication.packets(),
                predicted == null ? 0 : predicted.metrics().ticks(),
                predicted == null ? 0 : predicted.metrics().mispredictions(),
                predicted == null ? 0 : predicted.metrics().corrections(),
                replication.interpolator().underruns(), replication.interpolator().heldFrames(),
                replication.interpolator().frames(),
                replication.interpolator().timeline().delayNs() / 1e6,
                hits, kills, deaths, frames, framesWithRemote);
    }

    /** Figures of this session so far; safe from any thread. */
    public Report report() {
        return report;
    }

    /**
     * A consistent copy of a session's figures.
     *
     * @param interpolationUnderruns frames where render time passed the newest snapshot (bridged by extrapolation)
     * @param interpolationHitches frames where extrapolation ran out and the picture froze
     */
    public record Report(String name, int playerId, boolean wasConnected, boolean connected,
                         DisconnectReason disconnectReason, String disconnectDetail,
                         double rttMs, double jitterMs, double lossInPercent, double lossOutPercent,
                         long bytesIn, long bytesOut, double bytesInPerSecond, double bytesOutPerSecond,
                         long snapshotsReceived, long inputTicks, long mispredictions, long predictionCorrections,
                         long interpolationUnderruns, long interpolationHitches, long interpolatedFrames,
                         double interpolationDelayMs, int hits, int kills, int deaths,
                         long frames, long framesWithRemotePlayer) {
        static final Report EMPTY = new Report("", -1, false, false, null, null, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    // ---------------------------------------------------------------- prediction model

    /** The predicted part of the local player: where it is and whether it can move. */
    static final class Body {
        final float[] position = new float[2];
        boolean alive;

        Body(float x, float y, boolean alive) {
            position[0] = x;
            position[1] = y;
            this.alive = alive;
        }
    }

    /** The same movement the host's world applies, snapped to the wire grid like the host does. */
    static final PredictionModel<Body, PlayerInput> MODEL = new PredictionModel<>() {
        @Override
        public Body step(Body state, PlayerInput input) {
            if (state.alive) {
                PlayerMotion.step(state.position, input.moveXAxis(), input.moveYAxis(), ArenaRules.TICK_SECONDS);
                ArenaProtocol.snapPosition(state.position);
            }
            return state;
        }

        @Override
        public Body copy(Body state) {
            return new Body(state.position[0], state.position[1], state.alive);
        }

        @Override
        public boolean sameState(Body a, Body b) {
            return a.position[0] == b.position[0] && a.position[1] == b.position[1] && a.alive == b.alive;
        }

        @Override
        public int renderDimensions() {
            return 2;
        }

        @Override
        public void renderPosition(Body state, double[] out) {
            out[0] = state.position[0];
            out[1] = state.position[1];
        }
    };

    // ---------------------------------------------------------------- GameView

    private static final class ViewPlayer implements PlayerView {
        int id;
        float x;
        float y;
        float aim;
        int hp;
        boolean alive;
        int kills;
        int deaths;

        void set(int id, float x, float y, float aim, int[] s, boolean alive) {
            this.id = id;
            this.x = x;
            this.y = y;
            this.aim = aim;
            this.hp = ArenaProtocol.HP.get(s);
            this.alive = alive;
            this.kills = ArenaProtocol.KILLS.get(s);
            this.deaths = ArenaProtocol.DEATHS.get(s);
        }

        @Override
        public int id() {
            return id;
        }

        @Override
        public float x() {
            return x;
        }

        @Override
        public float y() {
            return y;
        }

        @Override
        public float aimRadians() {
            return aim;
        }

        @Override
        public int hp() {
            return hp;
        }

        @Override
        public boolean alive() {
            return alive;
        }

        @Override
        public int kills() {
            return kills;
        }

        @Override
        public int deaths() {
            return deaths;
        }
    }

    @Override
    public GameView view() {
        return this;
    }

    @Override
    public NetworkStatsSource networkStats() {
        return this;
    }

    @Override
    public int localPlayerId() {
        return predicted == null ? -1 : localId;
    }

    @Override
    public int playerCount() {
        return shownCount;
    }

    @Override
    public PlayerView player(int index) {
        if (index < 0 || index >= shownCount) {
            throw new IndexOutOfBoundsException(index);
        }
        return shown[index];
    }

    @Override
    public int shotCount() {
        return shots.size();
    }

    @Override
    public ShotEvent shot(int index) {
        return shots.get(index);
    }

    @Override
    public float shotAgeSeconds(int index) {
        return clockSeconds - shotTimes.get(index);
    }

    @Override
    public String playerName(int id) {
        String n = id >= 0 && id < names.length ? names[id] : null;
        return n != null ? n : (id == localId ? name : "player-" + id);
    }

    @Override
    public String statusLine() {
        if (client.isConnected()) {
            return "connected to " + (hostName.isEmpty() ? address : hostName) + " over " + transportName;
        }
        DisconnectReason r = disconnectReason;
        return r == null ? "connecting to " + address + " over " + transportName : "disconnected: " + r;
    }

    // ---------------------------------------------------------------- NetworkStatsSource

    @Override
    public boolean connected() {
        return client.isConnected();
    }

    @Override
    public String statusText() {
        return statusLine();
    }

    private ConnectionStats stats() {
        Connection c = client.connection();
        return c == null ? null : c.stats();
    }

    @Override
    public double rttMs() {
        ConnectionStats s = stats();
        return s == null ? 0 : s.smoothedRttMs();
    }

    @Override
    public double jitterMs() {
        ConnectionStats s = stats();
        return s == null ? 0 : s.rttJitterMs();
    }

    @Override
    public double lossInPercent() {
        ConnectionStats s = stats();
        return s == null ? 0 : s.lossInPercent();
    }

    @Override
    public double lossOutPercent() {
        ConnectionStats s = stats();
        return s == null ? 0 : s.lossOutPercent();
    }

    @Override
    public double bytesInPerSecond() {
        ConnectionStats s = stats();
        return s == null ? 0 : s.bytesInPerSecond();
    }

    @Override
    public double bytesOutPerSecond() {
        ConnectionStats s = stats();
        return s == null ? 0 : s.bytesOutPerSecond();
    }

    @Override
    public int snapshotBufferDepth() {
        // Snapshots between render time and the newest one: the buffer's delay in send intervals.
        if (replication.sample() == null) {
            return 0;
        }
        long intervalNs = 1_000_000_000L / ArenaProtocol.REPLICATION.sendHz();
        return (int) Math.max(0, Math.round((double) replication.interpolator().timeline().bufferDelayNs() / intervalNs));
    }

    public NetClient netClient() {
        return client;
    }

    public ReplicationClient replication() {
        return replication;
    }

    @Override
    public void close() {
        client.close();
    }
}
