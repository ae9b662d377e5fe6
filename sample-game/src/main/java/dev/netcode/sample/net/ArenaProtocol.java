package dev.netcode.sample.net;

import dev.netcode.core.MessageRegistry;
import dev.netcode.core.NetConfig;
import dev.netcode.core.interpolation.InterpolationConfig;
import dev.netcode.core.lagcomp.LagCompensator;
import dev.netcode.core.prediction.InputBuffer;
import dev.netcode.core.prediction.PredictionConfig;
import dev.netcode.core.prediction.PredictionMessages;
import dev.netcode.core.replication.ReplicationConfig;
import dev.netcode.core.replication.ReplicationMessages;
import dev.netcode.core.snapshot.EntitySchema;
import dev.netcode.core.snapshot.SchemaRegistry;
import dev.netcode.sample.sim.ArenaRules;
import dev.netcode.sample.sim.PlayerInput;
import dev.netcode.sample.sim.PlayerMotion;

/**
 * Everything host and clients must agree on: the application id, the Kryo message registry, the
 * replicated player schema, and the replication and prediction settings.
 *
 * <h2>What travels</h2>
 * <pre>
 *  client → host  Join            RELIABLE_ORDERED  once, the player's name (and lobby join token)
 *  host → client  Welcome         RELIABLE_ORDERED  once, the player id assigned
 *  host → client  Roster          RELIABLE_ORDERED  names of all players, on every change
 *  client → host  InputPacket     UNRELIABLE        every tick, last 3 inputs (prediction)
 *  host → client  InputFeedback   UNRELIABLE_SEQ.   every 3 ticks, input slack and loss
 *  host → client  SnapshotPacket  UNRELIABLE        20 Hz, delta-compressed players
 *  client → host  SnapshotAck     UNRELIABLE        after each snapshot (baseline, clock sync)
 *  host → client  Shots           UNRELIABLE        ticks with shots, for tracers
 * </pre>
 *
 * <h2>Limits (every message from the network is hostile)</h2>
 * The arena's own messages have hand-written serializers ({@code ArenaCodecs}, wire formats in its
 * Javadoc) that check every field while decoding: names at most {@value #MAX_NAME_CHARS}
 * characters of strict UTF-8 without control characters, join tokens {@value #MAX_TOKEN_CHARS},
 * host names {@value #MAX_HOST_NAME_CHARS}, player ids below {@link ArenaRules#MAX_PLAYERS}, at
 * most {@link ArenaRules#MAX_PLAYERS} roster entries and shots per message, finite coordinates,
 * ticks in {@code 0..2^30}. A violation fails the decoding, and core disconnects the peer as
 * malformed. Kryo runs with registration required, references off, length prefixes bounded by
 * the message size (core) and a nesting depth of {@value #MAX_KRYO_DEPTH}. Writers clean and clip
 * what they are given, so an honest peer never sends what the other side refuses. The host accepts
 * {@link ArenaRules#MAX_PLAYERS} connections and players; a client's inputs go into a fixed-size
 * buffer ({@link PredictionConfig#inputBufferTicks()} ahead), so a client sending inputs faster
 * than the tick rate only overwrites its own slots.
 *
 * <h2>Exact prediction</h2>
 * A snapshot carries positions at 1/256 unit. The host snaps every position to that grid after
 * each tick ({@link #snapPosition}), and the client's prediction step does the same, so the
 * predicted position and the replicated one are bit-identical when the prediction was right: a
 * correction then really means a misprediction, never a rounding difference.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Registration order is part of the handshake hash: add messages only at the end, and bump
 *       {@link #APPLICATION_ID} when the simulation rules change.</li>
 *   <li>{@link PlayerInput} has its own serializer; every byte value decodes to a valid input.</li>
 *   <li>A new message needs its own bounded serializer in {@code ArenaCodecs}; Kryo's default
 *       field serializer would accept any string and array length the message size allows.</li>
 * </ul>
 */
public final class ArenaProtocol {
    /** Both ends must announce the same id; bump on any rule or wire change. */
    public static final String APPLICATION_ID = "netcode-arena/2";
    /** Position resolution on the wire (and of the simulation, see the class comment). */
    public static final double POSITION_RESOLUTION = 1.0 / 256;
    /** Longest accepted player name, characters. */
    public static final int MAX_NAME_CHARS = 24;
    /** Longest accepted join token, characters. */
    public static final int MAX_TOKEN_CHARS = 2048;
    /** Longest accepted host name (in Welcome), characters. */
    public static final int MAX_HOST_NAME_CHARS = 64;
    /** Kryo nesting limit for decoding: arena messages are at most 3 objects deep. */
    static final int MAX_KRYO_DEPTH = 8;

    /** The replicated state of one player; entity id = player id. */
    public static final EntitySchema PLAYER = EntitySchema.builder("player")
            .boundedFloat("x", 0, PlayerMotion.ARENA_WIDTH, POSITION_RESOLUTION)
            .boundedFloat("y", 0, PlayerMotion.ARENA_HEIGHT, POSITION_RESOLUTION)
            .angle("aim", 16)
            .intField("hp", 0, ArenaRules.MAX_HP)
            .bool("alive")
            .intField("kills", 0, 65_535)
            .intField("deaths", 0, 65_535)
            .intField("hits", 0, 65_535)
            .intField("ack", -1, InputBuffer.MAX_TICK)
            .build();
    public static final EntitySchema.FloatField X = PLAYER.field("x", EntitySchema.FloatField.class);
    public static final EntitySchema.FloatField Y = PLAYER.field("y", EntitySchema.FloatField.class);
    public static final EntitySchema.AngleField AIM = PLAYER.field("aim", EntitySchema.AngleField.class);
    public static final EntitySchema.IntField HP = PLAYER.field("hp", EntitySchema.IntField.class);
    public static final EntitySchema.BoolField ALIVE = PLAYER.field("alive", EntitySchema.BoolField.class);
    public static final EntitySchema.IntField KILLS = PLAYER.field("kills", EntitySchema.IntField.class);
    public static final EntitySchema.IntField DEATHS = PLAYER.field("deaths", EntitySchema.IntField.class);
    public static final EntitySchema.IntField HITS = PLAYER.field("hits", EntitySchema.IntField.class);
    /** The newest of this player's inputs the host applied: the prediction acknowledgement. */
    public static final EntitySchema.IntField ACK = PLAYER.field("ack", EntitySchema.IntField.class);

    public static final SchemaRegistry SCHEMAS = SchemaRegistry.of(PLAYER);

    /**
     * Core's interpolation defaults, except extrapolation may bridge up to 100 ms (two snapshot
     * intervals) instead of 50 ms before the picture holds: players run at 8 units/s, so that is at
     * most 0.8 units of guessing, less than a player's diameter, and it rides out a host that
     * stalls for a moment on a loaded machine without a visible freeze.
     */
    public static final InterpolationConfig INTERPOLATION = new InterpolationConfig(
            InterpolationConfig.DEFAULT.lagWindow(), InterpolationConfig.DEFAULT.safetyMarginNs(),
            InterpolationConfig.DEFAULT.maxNudge(), InterpolationConfig.DEFAULT.catchUpThresholdNs(),
            InterpolationConfig.DEFAULT.maxCatchUpScale(), InterpolationConfig.DEFAULT.catchUpHorizonNs(),
            InterpolationConfig.DEFAULT.snapThresholdNs(), 100_000_000L, InterpolationConfig.DEFAULT.coveredLossRun(),
            InterpolationConfig.DEFAULT.maxBufferIntervals(), InterpolationConfig.DEFAULT.starvationSlowdown());

    /** 60 Hz simulation, 20 Hz snapshots, {@link #INTERPOLATION}. */
    public static final ReplicationConfig REPLICATION = ReplicationConfig.DEFAULT.withTickHz(ArenaRules.TICK_RATE_HZ)
            .withInterpolation(INTERPOLATION);

    /** Inputs on UNRELIABLE with redundancy 3 (core's defaults), 60 Hz. */
    public static final PredictionConfig PREDICTION = PredictionConfig.builder()
            .tickMs(1000.0 / ArenaRules.TICK_RATE_HZ)
            .build();

    /**
     * The worst link the host still compensates fully: the playtest's worst preset is 4g-p95
     * (185 ms RTT ± 15 ms jitter); 300 ms leaves room for queueing on top.
     */
    public static final double MAX_COMPENSATED_RTT_MS = 300;

    /**
     * The longest interpolation delay a client reports at {@link #MAX_COMPENSATED_RTT_MS}: the
     * snapshots' one-way transit plus the buffer's cap (core's {@code maxBufferIntervals} send
     * intervals, plus one more it adds under loss), 350 ms at 20 Hz.
     */
    public static final double MAX_INTERPOLATION_DELAY_MS = MAX_COMPENSATED_RTT_MS / 2
            + (INTERPOLATION.maxBufferIntervals() + 1) * 1000.0 / REPLICATION.sendHz();

    /** The longest an input waits in the host's buffer: the largest target slack, 8 ticks. */
    public static final double MAX_INPUT_SLACK_MS = PREDICTION.maxTargetSlackTicks() * PREDICTION.tickMs();

    /**
     * The host's lag-compensation cap: the whole view lag of a client at
     * {@link #MAX_COMPENSATED_RTT_MS} (about 633 ms), so no rewind is clamped on the links the
     * playtest uses; the position history is sized from it.
     */
    public static final double MAX_REWIND_MS = LagCompensator.maxRewindMsFor(MAX_INTERPOLATION_DELAY_MS,
            MAX_COMPENSATED_RTT_MS, MAX_INPUT_SLACK_MS);

    private ArenaProtocol() {}

    public static NetConfig netConfig() {
        return NetConfig.builder(APPLICATION_ID).maxConnections(ArenaRules.MAX_PLAYERS).build();
    }

    public static MessageRegistry registry() {
        MessageRegistry.Builder b = MessageRegistry.builder();
        ReplicationMessages.register(b);
        PredictionMessages.register(b);
        return b.register(PlayerInput.class, new ArenaCodecs.PlayerInputCodec())
                .register(Join.class, new ArenaCodecs.JoinCodec())
                .register(Welcome.class, new ArenaCodecs.WelcomeCodec())
                .register(Roster.class, new ArenaCodecs.RosterCodec())
                .register(Shots.class, new ArenaCodecs.ShotsCodec())
                // Deepest arena message: InputPacket > Object[] > PlayerInput. Hostile nesting
                // (Object[] in Object[] ...) would otherwise recurse until the stack overflows.
                .configureKryo(kryo -> kryo.setMaxDepth(MAX_KRYO_DEPTH))
                .build();
    }

    /** Snaps a coordinate to the wire grid, exactly as the snapshot codec will quantize it. */
    public static float snap(EntitySchema.FloatField axis, float value) {
        return axis.quantizer().dequantize(axis.quantizer().quantize(value));
    }

    /** Snaps a position {x, y} in place. */
    public static void snapPosition(float[] position) {
        position[0] = snap(X, position[0]);
        position[1] = snap(Y, position[1]);
    }

    /** Client → host, once after connecting. */
    public static final class Join {
        public String name;
        /** The lobby's join token for this seat, or null without a lobby. */
        public String joinToken;

        public Join() {}

        public Join(String name, String joinToken) {
            this.name = name;
            this.joinToken = joinToken;
        }
    }

    /** Host → client, once: the player id (= entity id in snapshots) this client controls. */
    public static final class Welcome {
        public int playerId;
        public String hostName;

        public Welcome() {}

        public Welcome(int playerId, String hostName) {
            this.playerId = playerId;
            this.hostName = hostName;
        }
    }

    /** Host → clients: the name of every player, ids and names index-aligned. */
    public static final class Roster {
        public int[] ids;
        public String[] names;
    }

    /**
     * Host → clients: the shots of one tick, for tracers. Per shot four floats (from x, y, to x, y)
     * in {@code segments}, and the shooter and the target hit (-1: none) in {@code players}.
     */
    public static final class Shots {
        public int tick;
        public float[] segments;
        public int[] players;
    }
}
