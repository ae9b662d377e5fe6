package dev.netcode.core.prediction.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netcode.core.conditioner.LinkConditions;
import dev.netcode.core.conditioner.LinkProfile;
import dev.netcode.core.prediction.PredictionConfig;
import dev.netcode.core.prediction.PredictionTestModel;
import dev.netcode.core.prediction.PredictionTestModel.Body;
import dev.netcode.core.prediction.PredictionTestModel.Move;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class PredictionSimulationTest {
    @Test
    void theLinkDelaysWithinJitterLosesAtTheConfiguredRateAndIsDeterministic() {
        long seed = 31;
        System.out.println("seed=" + seed);
        List<Long> first = delays(seed);
        assertThat(delays(seed)).as("same seed, same run").isEqualTo(first);
        assertThat(first.size()).as("about 10 %% lost of 20,000").isBetween(17_600, 18_400);
        for (long d : first) {
            assertThat(d).isBetween(45_000_000L, 55_000_000L);
        }
    }

    private static List<Long> delays(long seed) {
        List<Long> out = new ArrayList<>();
        VirtualLink<Long> link = new VirtualLink<>(LinkConditions.of(50, 5, 10), seed, false);
        for (int i = 0; i < 20_000; i++) {
            link.send(i * 1_000_000L, i * 1_000_000L);
        }
        while (link.inFlight() > 0) {
            long due = link.nextDueNanos();
            link.deliverDue(due, sentAt -> out.add(due - sentAt));
        }
        return out;
    }

    @Test
    void aSequencedLinkDropsWhatArrivesAfterANewerMessage() {
        VirtualLink<Integer> link = new VirtualLink<>(LinkConditions.of(50, 40, 0), 5, true);
        for (int i = 0; i < 1_000; i++) {
            link.send(i * 1_000_000L, i);
        }
        List<Integer> got = new ArrayList<>();
        while (link.inFlight() > 0) {
            link.deliverDue(link.nextDueNanos(), got::add);
        }
        assertThat(got).isSorted();
        assertThat(link.staleDropped()).as("jitter of 80 ms over 1 ms spacing reorders").isGreaterThan(100);
        assertThat(got.size() + link.staleDropped()).isEqualTo(1_000);
    }

    @Test
    void aRunIsDeterministicForASeed() {
        PredictionTestModel model = new PredictionTestModel();
        String[] json = new String[2];
        for (int i = 0; i < 2; i++) {
            json[i] = PredictionSimulation.builder(model, PredictionTestModel.registry(), PredictionConfig.defaults(), new Body(0),
                    new Move(0), Move.class).seed(77).ticks(2_000).script(t -> PredictionTestModel.erratic(77, t))
                    .link(LinkProfile.fromRoundTrip("rtt120", 120, 30, 10)).run().json();
        }
        System.out.println(json[0]);
        assertThat(json[1]).isEqualTo(json[0]);
    }

    @Test
    void slackAndTargetAreReportedPerTick() {
        PredictionTestModel model = new PredictionTestModel();
        PredictionSimulation.Result r = PredictionSimulation.builder(model, PredictionTestModel.registry(),
                        PredictionConfig.defaults(), new Body(0), new Move(0), Move.class)
                .seed(3).ticks(3_000).script(t -> new Move(1)).link(LinkProfile.fromRoundTrip("rtt80", 80, 0, 0)).run();
        assertThat(r.meanTargetSlack(1_000, 3_000)).isEqualTo(PredictionConfig.defaults().targetSlackTicks(), Offset.offset(0.2));
        assertThat(r.meanSlack(1_000, 3_000)).isEqualTo(r.meanTargetSlack(1_000, 3_000), Offset.offset(0.5));
        assertThat(r.converged()).isTrue();
        assertThat(r.packetsLost()).isZero();
    }
}
