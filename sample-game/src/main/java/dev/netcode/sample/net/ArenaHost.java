package dev.netcode.sample.net;

import dev.netcode.core.Channel;
import dev.netcode.core.Connection;
import dev.netcode.core.DisconnectReason;
import dev.netcode.core.NetListener;
import dev.netcode.core.NetServer;
import dev.netcode.core.lagcomp.EntityHistory;
import dev.netcode.core.lagcomp.LagCompensator;
import dev.netcode.core.prediction.InputBuffer;
import dev.netcode.core.prediction.ServerInputs;
import dev.netcode.core.replication.ReplicationServer;
import dev.netcode.core.snapshot.Snapshot;
import dev.netcode.core.transport.Transport;
import dev.netcode.sample.sim.ArenaRules;
import dev.netcode.sample.sim.HitTargets;
import dev.netcode.sample.sim.PlayerInput;
import dev.netcode.sample.sim.PlayerState;
import dev.netcode.sample.sim.ShotEvent;
import dev.netcode.sample.sim.World;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authoritative arena host over any {@link Transport}: a {@link NetServer}, a fixed 60 Hz
 * {@link World} driven by core's {@link ReplicationServer}, one input buffer per player
 * ({@link ServerInputs}), lag-compensated hits ({@link LagCompensator} over an
 * {@link EntityHistory}) and delta-compressed snapshots at 20 Hz.
 *
 * <h2>Usage</h2>
 * <pre>{@code
 * ArenaHost host = new ArenaHost(transport, seed);
 * host.bind("arena");                    // a name in memory, "0.0.0.0:0"-style for WebRTC, ...
 * while (running) {                      // the host's game thread
 *     host.update(System.nanoTime());    // callbacks, due ticks, snapshots
 *     Thread.sleep(2);
 * }
 * host.close();
 * }</pre>
 *
 * <h2>One tick</h2>
 * Every connected player's next input comes out of its buffer (the buffer repeats the last one
 * when an input is missing and reports its slack back to the client); the world steps with a hit
 * source that rewinds the other players to the shooter's view time; positions are snapped to the
 * wire grid ({@link ArenaProtocol#snapPosition}); the tick is recorded in the history; the
 * snapshot of all players, each stamped with its own last applied input tick, goes to the
 * replication, which sends it to the clients whose send tick it is.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Single-threaded: call everything from one thread (the listener runs inside
 *       {@link #update}).</li>
 *   <li>{@link #close()} closes the server, not the transport (it may be shared).</li>
 *   <li>A {@link JoinVerifier} that refuses a join kicks the connection with its reason: set it
 *       before {@link #bind} when a lobby hands out seats (the sample's
 *       {@code dev.netcode.sample.lobby.SeatVerifier} checks the lobby's join tokens). Without one,
 *       everyone is admitted.</li>
 * </ul>
 */
public final class ArenaHost implements AutoCloseable {
    /** Rewind cap for lag compensation: a client's whole view lag at 300 ms RTT ({@link ArenaProtocol#MAX_REWIND_MS}). */
    public static final double MAX_REWIND_MS = ArenaProtocol.MAX_REWIND_MS;
    private static final Logger LOG = LoggerFactory.getLogger(ArenaHost.class);
    private static final int FEEDBACK_EVERY_TICKS = 3;

    private final World world;
    private final NetServer server;
    private final ReplicationServer replication;
    private final ServerInputs<PlayerInput> inputs;
    private final EntityHistory history;
    private final LagCompensator lagCompensator;
    private final Connection[] connectionBySlot = new Connection[ArenaRules.MAX_PLAYERS];
    private final String[] names = new String[ArenaRules.MAX_PLAYERS];
    private final int[] hits = new int[ArenaRules.MAX_PLAYERS];
    private final PlayerInput[] tickInputs = new PlayerInput[ArenaRules.MAX_PLAYERS];
    private final RewoundTargets rewound = new RewoundTargets();
    private final String hostName;
    private volatile JoinVerifier joinVerifier = JoinVerifier.ADMIT_ALL;
    private volatile int playerCount;
    private volatile long totalHits;
    private volatile int ticks;
    private volatile long refusedJoins;
    private long shotsFired;

    public ArenaHost(Transport transport, long seed) {
        this(transport, seed, "arena-host");
    }

    public ArenaHost(Transport transport, long seed, String hostName) {
        this.hostName = Objects.requireNonNull(hostName, "hostName");
        this.world = new World(seed);
        this.replication = new ReplicationServer(ArenaProtocol.SCHEMAS, ArenaProtocol.REPLICATION);
        this.inputs = new ServerInputs<>(ArenaProtocol.PREDICTION, PlayerInput.class, PlayerInput.idle(0, (short) 0));
        // x, y and alive (1/0) per player, as many ticks as the rewind cap needs.
        this.history = new EntityHistory(3, ArenaRules.MAX_PLAYERS,
                EntityHistory.ticksFor(MAX_REWIND_MS, 1000.0 / ArenaRules.TICK_RATE_HZ));
        this.lagCompensator = new LagCompensator(history, 1000.0 / ArenaRules.TICK_RATE_HZ, MAX_REWIND_MS);
        this.world.setHitTargetSource(this::targetsFor);
        this.server = new NetServer(ArenaProtocol.netConfig(), ArenaProtocol.registry(), transport,
                replication.listener(new Listener()));
    }

    /**
     * Decides who may take a seat: called on the host thread with every {@code Join}, and told
     * when an admitted player leaves (so it can free the seat's bookkeeping).
     */
    public interface JoinVerifier {
        /** Admits everyone (a local match or a playtest without a lobby). */
        JoinVerifier ADMIT_ALL = (connection, joinToken) -> null;

        /**
         * @param connection the joining connection ({@link Connection#remoteAddress()} names the peer)
         * @param joinToken the token the client presented, or null; hostile input, at most
         *        {@link ArenaProtocol#MAX_TOKEN_CHARS} characters
         * @return null to admit, or the reason for refusing (sent to the client in the kick)
         */
        String refusal(Connection connection, String joinToken);

        /** An admitted player left (disconnect or kick). */
        default void left(Connection connection) {}
    }

    /** Sets who may join; the default, {@link JoinVerifier#ADMIT_ALL}, admits everyone. */
    public ArenaHost joinVerifier(JoinVerifier verifier) {
        this.joinVerifier = Objects.requireNonNull(verifier, "verifier");
        return this;
    }

    /** Starts accepting clients at a transport address. */
    public void bind(String address) {
        server.bind(address);
    }

    /** Runs callbacks, then every tick due at {@code nowNs}, sending snapshots. @return ticks run */
    public int update(long nowNs) {
        server.update();
        return replication.update(nowNs, this::step);
    }

    private Snapshot step(long tick) {
        Arrays.fill(tickInputs, null);
        for (int id = 0; id < connectionBySlot.length; id++) {
            Connection c = connectionBySlot[id];
            if (c != null) {
                tickInputs[id] = inputs.buffer(c).next();
            }
        }
        world.step(tickInputs);
        for (int i = 0; i < world.playerCount(); i++) {
            PlayerState p = world.player(i);
            float[] xy = {p.x(), p.y()};
            ArenaProtocol.snapPosition(xy);
            p.setPosition(xy[0], xy[1]);
        }
        List<ShotEvent> shots = world.shotsThisTick();
        if (!shots.isEmpty()) {
            broadcastShots(shots);
        }
        history.beginTick(world.tick());
        Snapshot.Builder snapshot = Snapshot.builder(ArenaProtocol.SCHEMAS, world.tick());
        long allHits = 0;
        for (int i = 0; i < world.playerCount(); i++) {
            PlayerState p = world.player(i);
            history.record(p.id(), new double[] {p.x(), p.y(), p.alive() ? 1 : 0});
            Connection c = connectionBySlot[p.id()];
            InputBuffer<PlayerInput> buffer = c == null ? null : inputs.buffer(c);
            snapshot.add(p.id(), ArenaProtocol.PLAYER, state(p, buffer == null ? -1 : buffer.lastAppliedTick()));
            allHits += hits[p.id()];
        }
        if (world.tick() % FEEDBACK_EVERY_TICKS == 0) {
            for (Connection c : connectionBySlot) {
                if (c != null) {
                    inputs.sendFeedback(c);
                }
            }
        }
        totalHits = allHits;
        ticks = world.tick();
        return snapshot.build();
    }

    private int[] state(PlayerState p, int ack) {
        int[] s = ArenaProtocol.PLAYER.newState();
        ArenaProtocol.X.set(s, p.x());
        ArenaProtocol.Y.set(s, p.y());
        ArenaProtocol.AIM.set(s, p.aimRadians());
        ArenaProtocol.HP.set(s, p.hp());
        ArenaProtocol.ALIVE.set(s, p.alive());
        ArenaProtocol.KILLS.set(s, p.kills());
        ArenaProtocol.DEATHS.set(s, p.deaths());
        ArenaProtocol.HITS.set(s, hits[p.id()]);
        ArenaProtocol.ACK.set(s, ack);
        return s;
    }

    private void broadcastShots(List<ShotEvent> shots) {
        ArenaProtocol.Shots msg = new ArenaProtocol.Shots();
        msg.tick = world.tick();
        msg.segments = new float[shots.size() * 4];
        msg.players = new int[shots.size() * 2];
        for (int i = 0; i < shots.size(); i++) {
            ShotEvent s = shots.get(i);
            msg.segments[4 * i] = s.fromX();
            msg.segments[4 * i + 1] = s.fromY();
            msg.segments[4 * i + 2] = s.toX();
            msg.segments[4 * i + 3] = s.toY();
            msg.players[2 * i] = s.shooterId();
            msg.players[2 * i + 1] = s.hitId();
            shotsFired++;
            if (s.hitId() >= 0 && s.shooterId() >= 0 && s.shooterId() < hits.length) {
                hits[s.shooterId()]++;
            }
        }
        server.sendToAll(msg, Channel.UNRELIABLE);
    }

    /** Lag compensation: the other players where the shooter saw them. */
    private HitTargets targetsFor(int shooterId, PlayerInput input, HitTargets current) {
        Connection c = connectionBySlot[shooterId];
        if (c == null || input.viewDelay() == 0 || history.newestTick() < 0) {
            return current;
        }
        // The world already counts the tick being stepped; the newest recorded state is the one before.
        int now = world.tick() - 1;
        // The shooter's view lag: its interpolation delay + the time this input waited in our buffer
        // (the slack), then viewTickFromDelay adds the input's one-way transit (RTT/2).
        double delayTicks = input.viewDelay() + inputs.buffer(c).slackTicks();
        double viewTick = lagCompensator.viewTickFromDelay(now,
                delayTicks * (1000.0 / ArenaRules.TICK_RATE_HZ), c.stats().smoothedRttMs());
        rewound.fill(current, viewTick);
        return rewound;
    }

    private final class RewoundTargets implements HitTargets {
        private final int[] ids = new int[ArenaRules.MAX_PLAYERS];
        private final float[] xs = new float[ArenaRules.MAX_PLAYERS];
        private final float[] ys = new float[ArenaRules.MAX_PLAYERS];
        private final boolean[] alive = new boolean[ArenaRules.MAX_PLAYERS];
        private final double[] sample = new double[3];
        private int count;

        void fill(HitTargets current, double viewTick) {
            count = current.count();
            for (int i = 0; i < count; i++) {
                int id = current.id(i);
                ids[i] = id;
                if (lagCompensator.positionAt(id, viewTick, sample)) {
                    xs[i] = (float) sample[0];
                    ys[i] = (float) sample[1];
                    alive[i] = sample[2] >= 0.5;
                } else {
                    // Joined after the view tick: judge against where it is now.
                    xs[i] = current.x(i);
                    ys[i] = current.y(i);
                    alive[i] = current.alive(i);
                }
            }
        }

        @Override
        public int count() {
            return count;
        }

        @Override
        public int id(int index) {
            return ids[index];
        }

        @Override
        public float x(int index) {
            return xs[index];
        }

        @Override
        public float y(int index) {
            return ys[index];
        }

        @Override
        public boolean alive(int index) {
            return alive[index];
        }
    }

    private final class Listener implements NetListener {
        @Override
        public void received(Connection connection, Object message, Channel channel) {
            if (inputs.handle(connection, message)) {
                return;
            }
            if (message instanceof ArenaProtocol.Join join) {
                onJoin(connection, join);
            }
        }

        @Override
        public void disconnected(Connection connection, DisconnectReason reason) {
            inputs.remove(connection);
            if (connection.attachment() instanceof Integer id && connectionBySlot[id] == connection) {
                connectionBySlot[id] = null;
                names[id] = null;
                hits[id] = 0;
                world.removePlayer(id);
                playerCount--;
                joinVerifier.left(connection);
                LOG.info("player {} left ({})", id, reason);
                sendRoster();
            }
        }
    }

    private void onJoin(Connection connection, ArenaProtocol.Join join) {
        if (connection.attachment() != null) {
            return; // one player per connection
        }
        String token = join.joinToken;
        String refusal = token != null && token.length() > ArenaProtocol.MAX_TOKEN_CHARS
                ? "join token too long" : joinVerifier.refusal(connection, token);
        if (refusal != null) {
            refusedJoins++;
            LOG.info("join from {} refused: {}", connection.remoteAddress(), refusal);
            connection.kick("join refused: " + refusal);
            return;
        }
        if (world.playerCount() >= ArenaRules.MAX_PLAYERS) {
            connection.kick("arena full");
            return;
        }
        int id = world.addPlayer();
        float[] xy = {world.playerById(id).x(), world.playerById(id).y()};
        ArenaProtocol.snapPosition(xy);
        world.playerById(id).setPosition(xy[0], xy[1]);
        connection.attach(id);
        connectionBySlot[id] = connection;
        names[id] = sanitize(join.name, id);
        hits[id] = 0;
        playerCount++;
        connection.send(new ArenaProtocol.Welcome(id, hostName), Channel.RELIABLE_ORDERED);
        LOG.info("player {} joined as '{}' from {}", id, names[id], connection.remoteAddress());
        sendRoster();
    }

    private static String sanitize(String name, int id) {
        if (name == null || name.isBlank()) {
            return "player-" + id;
        }
        String cleaned = name.strip().replaceAll("\\p{Cntrl}", "");
        return cleaned.length() > ArenaProtocol.MAX_NAME_CHARS ? cleaned.substring(0, ArenaProtocol.MAX_NAME_CHARS) : cleaned;
    }

    private void sendRoster() {
        ArenaProtocol.Roster roster = new ArenaProtocol.Roster();
        int n = 0;
        for (String name : names) {
            if (name != null) {
                n++;
            }
        }
        roster.ids = new int[n];
        roster.names = new String[n];
        int k = 0;
        for (int id = 0; id < names.length; id++) {
            if (names[id] != null) {
                roster.ids[k] = id;
                roster.names[k++] = names[id];
            }
        }
        server.sendToAll(roster, Channel.RELIABLE_ORDERED);
    }

    /** The authoritative world (host thread only). */
    public World world() {
        return world;
    }

    public NetServer server() {
        return server;
    }

    public ReplicationServer replication() {
        return replication;
    }

    public ServerInputs<PlayerInput> inputs() {
        return inputs;
    }

    public LagCompensator lagCompensator() {
        return lagCompensator;
    }

    /** Players joined; readable from any thread. */
    public int playerCount() {
        return playerCount;
    }

    /** Hits registered since start over the current players; readable from any thread. */
    public long totalHits() {
        return totalHits;
    }

    /** Ticks simulated; readable from any thread. */
    public int ticks() {
        return ticks;
    }

    /** Joins the {@link JoinVerifier} refused; readable from any thread. */
    public long refusedJoins() {
        return refusedJoins;
    }

    /** Shots fired so far (host thread). */
    public long shotsFired() {
        return shotsFired;
    }

    @Override
    public void close() {
        server.close();
    }
}
