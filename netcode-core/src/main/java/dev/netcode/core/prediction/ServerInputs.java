package dev.netcode.core.prediction;

import dev.netcode.core.Channel;
import dev.netcode.core.Connection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server side of prediction for every client: routes {@link InputPacket}s to one
 * {@link InputBuffer} per connection and sends each client its {@link InputFeedback}.
 *
 * <pre>{@code
 * ServerInputs<Move> inputs = new ServerInputs<>(config, Move.class, Move.NONE);
 * // NetListener.received:     if (inputs.handle(connection, message)) return;
 * // NetListener.disconnected: inputs.remove(connection);
 * // every server tick:
 * for (Connection c : server.connections()) {
 *     Move m = inputs.buffer(c).next();                 // null: not started, or holding for a lost input
 *     if (m != null) model.step(bodies.get(c), m);
 *     inputs.sendState(c, bodies.get(c));               // ack + pacing + the state after that input
 * }
 * }</pre>
 *
 * <h2>Where the authoritative state travels</h2>
 * {@link #sendState} puts the client's own entity state into its {@link InputFeedback}, so the
 * state and the input tick it results from can never be paired wrongly (they are one message).
 * Replication snapshots still carry every entity for the other players' interpolation; a game
 * that prefers to carry the local player's state in its snapshot calls {@link #sendFeedback} for
 * pacing and puts {@link InputBuffer#lastAppliedTick()} next to that state itself.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>A client whose packets break the bounds {@link #MAX_VIOLATIONS} times is
 *       kicked; a single bad packet is only counted and logged at debug level.</li>
 *   <li>Not thread-safe: call from the game thread (the default delivery of {@code NetServer}).</li>
 * </ul>
 */
public final class ServerInputs<I> {
    private static final Logger log = LoggerFactory.getLogger(ServerInputs.class);
    /** Bad packets tolerated per client before it is kicked. */
    public static final int MAX_VIOLATIONS = 16;

    private final PredictionConfig config;
    private final Class<I> inputClass;
    private final I neutralInput;
    private final Map<Integer, InputBuffer<I>> buffers = new LinkedHashMap<>();
    private final Map<Integer, Integer> violations = new LinkedHashMap<>();
    private final InputFeedback feedback = new InputFeedback();
    private long rejectedPackets;

    public ServerInputs(PredictionConfig config, Class<I> inputClass, I neutralInput) {
        this.config = Objects.requireNonNull(config, "config");
        this.inputClass = Objects.requireNonNull(inputClass, "inputClass");
        this.neutralInput = Objects.requireNonNull(neutralInput, "neutralInput");
    }

    /** Consumes {@code message} if it is an {@link InputPacket}; returns whether it did. */
    public boolean handle(Connection connection, Object message) {
        if (!(message instanceof InputPacket packet)) {
            return false;
        }
        try {
            buffer(connection).offer(packet);
        } catch (InputPacketException e) {
            rejectedPackets++;
            int n = violations.merge(connection.id(), 1, Integer::sum);
            log.debug("rejected input packet from {}: {}", connection, e.getMessage());
            if (n >= MAX_VIOLATIONS) {
                connection.kick("too many invalid input packets: " + e.getMessage());
            }
        }
        return true;
    }

    /** The connection's buffer, created on first use. */
    public InputBuffer<I> buffer(Connection connection) {
        return buffers.computeIfAbsent(connection.id(), id -> new InputBuffer<>(config, inputClass, neutralInput));
    }

    /** Sends the connection its {@link InputFeedback} (without a state) on {@link Channel#UNRELIABLE_SEQUENCED}. */
    public boolean sendFeedback(Connection connection) {
        return connection.send(buffer(connection).feedback(feedback), Channel.UNRELIABLE_SEQUENCED);
    }

    /**
     * Sends the connection its {@link InputFeedback} with {@code state}, the client entity's state
     * after {@link InputBuffer#lastAppliedTick()}, on {@link Channel#UNRELIABLE_SEQUENCED}. Call once
     * per server tick, after stepping. The state's class must be registered.
     */
    public boolean sendState(Connection connection, Object state) {
        InputFeedback f = buffer(connection).feedback(feedback);
        f.state = java.util.Objects.requireNonNull(state, "state");
        try {
            return connection.send(f, Channel.UNRELIABLE_SEQUENCED);
        } finally {
            f.state = null; // do not keep the game's object alive
        }
    }

    /** Forgets a client (call on disconnect). */
    public void remove(Connection connection) {
        buffers.remove(connection.id());
        violations.remove(connection.id());
    }

    /** Buffers by connection id (read-only view). */
    public Map<Integer, InputBuffer<I>> buffers() {
        return Collections.unmodifiableMap(buffers);
    }

    /** Input packets that failed validation, all clients. */
    public long rejectedPackets() {
        return rejectedPackets;
    }
}
