package dev.netcode.core.prediction;

/** A 1-D mover for tests: x += dx * 0.1 per tick. */
final class PredictionTestModel implements PredictionModel<PredictionTestModel.Body, PredictionTestModel.Move> {
    static final class Body {
        float x;

        Body(float x) {
            this.x = x;
        }
    }

    static final class Move {
        byte dx;

        Move() {}

        Move(int dx) {
            this.dx = (byte) dx;
        }
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
