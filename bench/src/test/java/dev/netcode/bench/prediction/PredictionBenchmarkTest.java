package dev.netcode.bench.prediction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netcode.core.prediction.simulation.PredictionSimulation;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The benchmark's scenarios meet issue 7's acceptance (simulated time, so exact and fast). */
class PredictionBenchmarkTest {
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void scenariosMeetTheAcceptance() {
        long seed = 20_261_126L;
        System.out.println("PredictionBenchmarkTest seed=" + seed);
        List<PredictionScenario.Result> results = PredictionBenchmark.run(10_000, seed);
        String json = PredictionBenchmark.json(results, seed);
        System.out.println(json);
        assertThat(json).doesNotContain("\n").contains("\"correction_p99\"").contains("\"inputs_in_time_pct\"");
        for (PredictionScenario.Result r : results.subList(0, 3)) {
            PredictionSimulation.Result s = r.sim();
            assertThat(s.ticks()).as(s.name()).isEqualTo(10_000);
            assertThat(s.inputsSubstituted()).as(s.name() + " substituted inputs").isZero();
            assertThat(s.corrections()).as(s.name() + " corrections").isZero();
            assertThat(s.mispredictions()).as(s.name() + " mispredictions").isZero();
            assertThat(s.converged()).isTrue();
        }
        PredictionSimulation.Result loss = results.get(3).sim();
        assertThat(loss.inTimeRatio()).as("20 %% loss, redundancy 3: in time").isGreaterThanOrEqualTo(0.999);
        assertThat(loss.maxCopiesPerTick()).isEqualTo(2);
        PredictionScenario.Result push = results.get(4);
        assertThat(push.pushes()).isGreaterThan(40);
        assertThat(push.sim().corrections()).isEqualTo(push.pushes());
        assertThat(push.sim().maxCorrectionStep()).isLessThanOrEqualTo(0.05 + 1e-9);
        assertThat(push.sim().maxRenderExcess()).isLessThanOrEqualTo(0.05 + 1e-6);
        assertThat(push.sim().converged()).isTrue();
        double[] slack = results.get(5).slackBeforeAndAfter();
        assertThat(slack[0]).isCloseTo(slack[1], org.assertj.core.data.Offset.offset(1.0));
        assertThat(slack[2]).isCloseTo(slack[3], org.assertj.core.data.Offset.offset(1.0));
    }
}
