package dev.netcode.core.prediction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netcode.core.conditioner.LinkPreset;
import dev.netcode.core.conditioner.LinkProfile;
import dev.netcode.core.prediction.PredictionTestModel.Body;
import dev.netcode.core.prediction.PredictionTestModel.Move;
import dev.netcode.core.prediction.simulation.PredictionSimulation;
import java.util.concurrent.TimeUnit;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 7 acceptance on a virtual clock: the real {@link PredictedClient} and {@link InputBuffer},
 * Kryo on the wire, and a seeded link each way with the conditioner's model. Deterministic for a
 * seed and independent of the machine's load.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PredictionAcceptanceTest {
    private static final PredictionTestModel MODEL = new PredictionTestModel();
    /** broadband-p50 round-trip jitter. */
    private static final double JITTER_MS = 11;

    static {
        assertThat(LinkPreset.BROADBAND_P50.profile().up().jitterMs() * 2).isEqualTo(JITTER_MS);
    }

    private static PredictionSimulation.Builder<Body, Move> sim(String name, PredictionConfig config, long seed) {
        System.out.println(name + " seed=" + seed);
        return PredictionSimulation.builder(MODEL, PredictionTestModel.registry(), config, new Body(0), new Move(0), Move.class)
                .name(name).seed(seed).script(tick -> PredictionTestModel.erratic(seed, tick));
    }

    @ParameterizedTest(name = "RTT {0} ms")
    @ValueSource(ints = {0, 100, 250})
    void aDeterministicMoverNeverMispredictsAt5PercentLoss(int rttMs) {
        for (long seed : new long[] {7_000 + rttMs, 7_001 + rttMs, 7_002 + rttMs}) {
            PredictionSimulation.Result r = sim("rtt" + rttMs, PredictionConfig.defaults(), seed)
                    .link(LinkProfile.fromRoundTrip("rtt" + rttMs, rttMs, JITTER_MS, 5))
                    .ticks(10_000).run();
            System.out.println(r.json());
            assertThat(r.ticks()).isEqualTo(10_000);
            assertThat(r.packetsLost()).as("the link really loses packets").isGreaterThan(300);
            assertThat(r.inputsSubstituted()).as("server never guessed an input").isZero();
            assertThat(r.corrections()).as("corrections").isZero();
            assertThat(r.mispredictions()).as("mispredictions").isZero();
            assertThat(r.substitutedInputMismatches()).isZero();
            assertThat(r.converged()).isTrue();
            assertThat(r.rejectedMessages()).isZero();
        }
    }

    @Test
    void withoutHoldAndRedundancyLostInputsAreSubstitutedAndTheClientKnows() {
        // Control for the test above: the same link with one input per packet and no hold does
        // substitute inputs; the client learns it from the ack, so these are not mispredictions,
        // and its replay corrects it to the server's state.
        PredictionConfig config = PredictionConfig.builder().redundancy(1).maxCopiesPerTick(1).maxInputWaitTicks(0).build();
        PredictionSimulation.Result r = sim("control", config, 99).link(LinkProfile.fromRoundTrip("rtt100", 100, JITTER_MS, 5))
                .ticks(10_000).run();
        System.out.println(r.json());
        assertThat(r.inputsSubstituted()).isGreaterThan(100);
        assertThat(r.corrections()).isGreaterThan(50);
        assertThat(r.substitutedInputMismatches()).isGreaterThan(50);
        assertThat(r.mispredictions()).as("every mismatch was explained by a substituted input").isZero();
        assertThat(r.converged()).isTrue();
    }

    @Test
    void serverPushesAreCorrectedAndTheDrawnPositionMovesAtMostTheLimitPerFrame() {
        double limit = 0.05;
        int every = 180;
        PredictionConfig config = PredictionConfig.builder().maxCorrectionPerFrame(limit).build();
        int[] pushes = {0};
        PredictionSimulation.Result r = sim("push", config, 4242).link(LinkProfile.fromRoundTrip("rtt100", 100, JITTER_MS, 5))
                .ticks(5_000)
                .disturbance((serverTick, body) -> {
                    if (serverTick % every == 0) {
                        pushes[0]++;
                        body.x += 2;
                    }
                    return body;
                }).run();
        System.out.println(r.json() + " pushes=" + pushes[0]);
        assertThat(pushes[0]).isGreaterThan(20);
        assertThat(r.corrections()).as("each push corrected once").isEqualTo(pushes[0]);
        assertThat(r.mispredictions()).as("pushes are outside interference").isEqualTo(pushes[0]);
        assertThat(r.correctionP99()).isEqualTo(2.0, Offset.offset(1e-3));
        assertThat(r.converged()).as("correction applied: client state equals the server's").isTrue();
        assertThat(r.maxCorrectionStep()).isLessThanOrEqualTo(limit + 1e-9);
        assertThat(r.maxRenderExcess()).as("drawn motion beyond the simulation's own, per frame").isLessThanOrEqualTo(limit + 1e-6);
        assertThat(r.inputsSubstituted()).isZero();
    }

    @Test
    void twentyPercentLossWithRedundancy3DeliversAtLeast999PerMilleInTime() {
        PredictionConfig config = PredictionConfig.builder().redundancy(3).build();
        PredictionSimulation.Result r = sim("loss20", config, 2020).link(LinkProfile.fromRoundTrip("loss20", 100, JITTER_MS, 20))
                .ticks(10_000).run();
        System.out.println(r.json());
        assertThat(r.packetsLost()).isGreaterThan(2_000);
        assertThat(r.maxCopiesPerTick()).as("duplication under loss").isEqualTo(2);
        assertThat(r.inTimeRatio()).as("inputs there when first due, no hold").isGreaterThanOrEqualTo(0.999);
        assertThat(r.realInputRatio()).isGreaterThanOrEqualTo(0.999);
        assertThat(r.converged()).isTrue();
    }

    @Test
    void theInputBufferStaysWithinItsTargetSlackAsRttGoesFrom50To200() {
        PredictionSimulation.Result r = sim("rtt50to200", PredictionConfig.defaults(), 50200)
                .link(LinkProfile.fromRoundTrip("rtt50", 50, JITTER_MS, 5))
                .changeLinkAt(5_000, LinkProfile.fromRoundTrip("rtt200", 200, JITTER_MS, 5))
                .ticks(10_000).run();
        System.out.println(r.json());
        for (int from = 500; from < 10_000; from += 500) {
            double slack = r.meanSlack(from, from + 500);
            double target = r.meanTargetSlack(from, from + 500);
            System.out.printf("ticks %5d..%5d slack %.2f target %.2f%n", from, from + 500, slack, target);
            assertThat(slack).as("slack at ticks " + from + "..").isCloseTo(target, Offset.offset(1.0));
        }
        assertThat(r.inputsSubstituted()).isZero();
        assertThat(r.corrections()).isZero();
    }

    @Test
    void pacingAbsorbsClockDrift() {
        PredictionSimulation.Result r = sim("drift", PredictionConfig.defaults(), 1234)
                .link(LinkProfile.fromRoundTrip("rtt100", 100, JITTER_MS, 5)).clientClockDriftPpm(2_000)
                .ticks(10_000).run();
        System.out.println(r.json());
        assertThat(r.meanSlack(2_000, 10_000)).isCloseTo(r.meanTargetSlack(2_000, 10_000), Offset.offset(1.0));
        assertThat(r.corrections()).isZero();
    }
}
