package dev.netcode.core.prediction;

/**
 * What a game supplies so that {@link PredictedClient} and the server run the same simulation of a
 * player: a deterministic step, a copy and an equality, and where the state is drawn.
 *
 * <pre>{@code
 * final class Mover implements PredictionModel<Body, Move> {
 *     public Body step(Body b, Move m) { b.x += m.dx * SPEED; return b; }
 *     public Body copy(Body b) { return new Body(b.x); }
 *     public boolean sameState(Body a, Body b) { return a.x == b.x; }
 *     public int renderDimensions() { return 1; }
 *     public void renderPosition(Body b, double[] out) { out[0] = b.x; }
 * }
 * }</pre>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>{@link #step} must be deterministic: the same state and input give bit-identical results on
 *       client and server. No wall clock, no {@code Math.random()}, no iteration over hash sets;
 *       prefer {@code float}/{@code int} math that does not depend on the JIT ({@code StrictMath}
 *       for transcendental functions).</li>
 *   <li>{@link #step} may mutate and return {@code state}: callers always pass a state they own.</li>
 *   <li>{@link #sameState} decides what a misprediction is; compare exactly what the server
 *       sends (for example the quantized values), not more.</li>
 * </ul>
 *
 * @param <S> the predicted state (for example the local player's body)
 * @param <I> the input of one tick
 */
public interface PredictionModel<S, I> {
    /** Advances {@code state} by one tick with {@code input}; may mutate {@code state}. */
    S step(S state, I input);

    /** An independent deep copy. */
    S copy(S state);

    /** Whether two states are the same for prediction purposes. */
    boolean sameState(S a, S b);

    /** How many coordinates {@link #renderPosition} writes (1..4). */
    int renderDimensions();

    /** Writes where {@code state} is drawn into {@code out[0 .. renderDimensions())}. */
    void renderPosition(S state, double[] out);
}
