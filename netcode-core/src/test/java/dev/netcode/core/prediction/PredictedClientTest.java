package dev.netcode.core.prediction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netcode.core.prediction.PredictionTestModel.Body;
import dev.netcode.core.prediction.PredictionTestModel.Move;
import org.junit.jupiter.api.Test;

class PredictedClientTest {
    private final PredictionTestModel model = new PredictionTestModel();

    @Test
    void matchingAuthoritativeStatesCauseNoCorrection() {
        PredictionConfig config = PredictionConfig.defaults();
        PredictedClient<Body, Move> client = new PredictedClient<>(model, config, new Body(0), 0);
        Body server = new Body(0);
        for (int t = 0; t < 100; t++) {
            client.tick(new Move(1));
            if (t >= 5) { // the server is 5 ticks behind
                model.step(server, new Move(1));
                client.onAuthoritativeState(t - 5, model.copy(server));
            }
        }
        assertThat(client.metrics().mispredictions()).isZero();
        assertThat(client.metrics().corrections()).isZero();
        assertThat(client.unackedInputs()).isEqualTo(5);
    }

    @Test
    void aServerPushRewindsReplaysAndSmoothsWithinTheFrameLimit() {
        PredictionConfig config = PredictionConfig.builder().maxCorrectionPerFrame(0.05).build();
        PredictedClient<Body, Move> client = new PredictedClient<>(model, config, new Body(0), 0);
        for (int t = 0; t < 10; t++) {
            client.tick(new Move(1));
        }
        Body server = new Body(0);
        for (int t = 0; t <= 4; t++) {
            model.step(server, new Move(1));
        }
        server.x += 2; // pushed by something the client did not know
        double previous = client.state().x; // drawn position before the correction
        client.onAuthoritativeState(4, server);
        assertThat(client.metrics().mispredictions()).isEqualTo(1);
        assertThat(client.metrics().corrections()).isEqualTo(1);
        assertThat(client.state().x).as("simulation snaps").isEqualTo(1.0f + 2, org.assertj.core.data.Offset.offset(1e-5f));
        double[] out = new double[1];
        for (int frame = 0; frame < 100; frame++) {
            client.renderPosition(1000.0 / 60, out);
            assertThat(Math.abs(out[0] - previous)).isLessThanOrEqualTo(0.05 + 1e-9);
            previous = out[0];
        }
        assertThat(client.correctionOffset()).isLessThan(0.05);
        assertThat(client.metrics().correctionPercentile(99)).isEqualTo(2.0, org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void ratesAreAdjustedGraduallyAndDuplicationFollowsLoss() {
        PredictionConfig config = PredictionConfig.builder().redundancy(3).build();
        PredictedClient<Body, Move> client = new PredictedClient<>(model, config, new Body(0), 0);
        client.onFeedback(new InputFeedback(-1, -10f, 20f));
        double previous = client.timeScale();
        for (int t = 0; t < 100; t++) {
            client.tick(new Move(0));
            assertThat(Math.abs(client.timeScale() - previous)).isLessThanOrEqualTo(config.maxTimeScaleStepPerTick() + 1e-12);
            previous = client.timeScale();
        }
        assertThat(client.timeScale()).isEqualTo(1 - config.maxTimeScaleDeviation(), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(client.copiesPerTick()).as("0.2^3 > 0.001").isEqualTo(2);
        client.onFeedback(new InputFeedback(-1, 2f, 5f));
        assertThat(client.copiesPerTick()).isEqualTo(1);
    }

    @Test
    void unackedInputsAreBounded() {
        PredictionConfig config = PredictionConfig.builder().maxUnackedInputs(16).build();
        PredictedClient<Body, Move> client = new PredictedClient<>(model, config, new Body(0), 0);
        for (int t = 0; t < 100; t++) {
            client.tick(new Move(1));
        }
        assertThat(client.unackedInputs()).isEqualTo(16);
        assertThat(client.metrics().droppedUnacked()).isEqualTo(84);
    }

    @Test
    void feedbackCarryingTheStateReconcilesAndASubstitutedInputIsNotAMisprediction() {
        PredictedClient<Body, Move> client = new PredictedClient<>(model, PredictionConfig.defaults(), new Body(0), 0);
        for (int t = 0; t < 10; t++) {
            client.tick(new Move(t < 3 ? 1 : -1));
        }
        // The server never got tick 3 (-1) and repeated tick 2's input (+1): x = 0.4 after tick 3.
        InputFeedback f = new InputFeedback(3, 2f, 5f);
        f.lastSubstitutedTick = 3;
        f.state = new Body(0.1f + 0.1f + 0.1f + 0.1f);
        assertThat(client.handle(f)).isTrue();
        assertThat(client.lastAckedTick()).isEqualTo(3);
        assertThat(client.metrics().mispredictions()).isZero();
        assertThat(client.metrics().substitutedInputMismatches()).isEqualTo(1);
        assertThat(client.metrics().corrections()).isEqualTo(1);
        Body expected = new Body(0.1f + 0.1f + 0.1f + 0.1f);
        for (int t = 4; t < 10; t++) {
            model.step(expected, new Move(-1));
        }
        assertThat(model.sameState(client.state(), expected)).as("replayed from the server's state").isTrue();

        InputFeedback wrongClass = new InputFeedback(5, 2f, 5f);
        wrongClass.state = "not a body";
        client.handle(wrongClass);
        assertThat(client.lastAckedTick()).as("a state of another class is ignored").isEqualTo(3);
        InputFeedback future = new InputFeedback(50, 2f, 5f);
        future.state = new Body(99);
        client.handle(future);
        assertThat(client.lastAckedTick()).as("an ack for a tick never predicted is ignored").isEqualTo(3);
    }
}
