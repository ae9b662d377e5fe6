package dev.netcode.core.prediction;

import dev.netcode.core.MessageRegistry;

/** A 1-D mover for tests: x += dx * 0.1 per tick. */
public final class PredictionTestModel implements PredictionModel<PredictionTestModel.Body, PredictionTestModel.Move> {
    public static final class Body {
        public float x;

        public Body() {}

        public Body(float x) {
            this.x = x;
        }
    }

    public static final class Move {
        public byte dx;

        public Move() {}

        public Move(int dx) {
            this.dx = (byte) dx;
        }
    }

    /** Prediction messages, {@link Move} and {@link Body}. */
    public static MessageRegistry registry() {
        MessageRegistry.Builder b = MessageRegistry.builder();
        PredictionMessages.register(b);
        return b.register(Move.class).register(Body.class).build();
    }

    /** A mover that changes its mind often: a new direction (-1, 0, +1) every 1..8 ticks, from {@code seed}. */
    public static Move erratic(long seed, int tick) {
        long h = mix(seed + (tick >>> 3));
        int runLength = 1 + (int) ((h >>> 8) & 7);
        return new Move((int) Math.floorMod(mix(seed ^ (tick / runLength) * 0x9E3779B97F4A7C15L), 3L) - 1);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public Body step(Body b, Move m) {
        b.x += m.dx * 0.1f;
        return b;
    }

    @Override
    public Body copy(Body b) {
        return new Body(b.x);
    }

    @Override
    public boolean sameState(Body a, Body b) {
        return Float.floatToIntBits(a.x) == Float.floatToIntBits(b.x);
    }

    @Override
    public int renderDimensions() {
        return 1;
    }

    @Override
    public void renderPosition(Body b, double[] out) {
        out[0] = b.x;
    }
}
