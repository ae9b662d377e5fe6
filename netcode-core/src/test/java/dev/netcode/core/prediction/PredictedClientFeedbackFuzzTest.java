package dev.netcode.core.prediction;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.netcode.core.prediction.PredictionTestModel.Body;
import dev.netcode.core.prediction.PredictionTestModel.Move;

/**
 * Whatever a server (or an attacker in its place) puts in {@link InputFeedback}, the client neither
 * throws nor leaves its bounds: wrong state classes, any ticks, non-finite numbers.
 */
class PredictedClientFeedbackFuzzTest {
    @FuzzTest(maxDuration = "15s")
    void feedback(FuzzedDataProvider data) {
        PredictionTestModel model = new PredictionTestModel();
        PredictionConfig config = PredictionConfig.builder().maxUnackedInputs(16).build();
        PredictedClient<Body, Move> client = new PredictedClient<>(model, config, new Body(0), data.consumeInt(0, 1 << 20));
        while (data.remainingBytes() > 0) {
            if (data.consumeBoolean()) {
                client.tick(new Move(data.consumeInt(-1, 1)));
                continue;
            }
            InputFeedback f = new InputFeedback();
            f.lastAppliedTick = data.consumeInt();
            f.lastSubstitutedTick = data.consumeInt();
            f.slackTicks = data.consumeFloat();
            f.lossPercent = data.consumeFloat();
            f.slackJitterTicks = data.consumeFloat();
            int kind = data.consumeInt(0, 2);
            f.state = kind == 0 ? null : kind == 1 ? new Body(data.consumeFloat()) : "not a body";
            client.handle(f);
            double scale = client.timeScale();
            if (!(scale >= 1 - config.maxTimeScaleDeviation() - 1e-9 && scale <= 1 + config.maxTimeScaleDeviation() + 1e-9)) {
                throw new IllegalStateException("time scale out of bounds: " + scale);
            }
            if (client.unackedInputs() > config.maxUnackedInputs() || client.copiesPerTick() > config.maxCopiesPerTick()) {
                throw new IllegalStateException("bounds broken");
            }
            double[] out = new double[1];
            client.renderPosition(data.consumeDouble(), out);
        }
    }
}
