package dev.netcode.bench.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class InterpolationBenchmarkTest {

    @Test
    @Timeout(120)
    void everyCaseRendersSmoothlyAndStaysAccurate() {
        long seed = 20261126L;
        List<InterpolationBenchmark.CaseResult> results = InterpolationBenchmark.run(120, seed);
        System.out.println(InterpolationBenchmark.toJson(results, 120, seed));
        assertThat(results).hasSize(15);
        for (InterpolationBenchmark.CaseResult r : results) {
            // Nothing ever freezes: dry spells are bridged by the bounded extrapolation.
            assertThat(r.frozenPerMinute()).as("%s at %d Hz", r.link(), r.sendHz()).isZero();
            // A 10 m circle at 5 m/s sampled at 20 Hz or more: linear interpolation is within a centimetre.
            assertThat(r.p99ErrorMetres()).as("%s at %d Hz", r.link(), r.sendHz()).isLessThan(0.01);
            if (r.link().equals("lan")) {
                assertThat(r.hitchesPerMinute()).isZero();
                assertThat(r.meanDelayIntervals()).isLessThan(1.5);
            }
            // The targets: broadband-p50 without a dry frame within 3 send intervals; 4g-p95 <= 1/min.
            assertThat(r.targetMet()).as("%s at %d Hz: %s", r.link(), r.sendHz(), r.target()).isTrue();
        }
    }

    @Test
    @Timeout(60)
    void aTwoSecondStallRecoversWithoutAJumpOfMoreThanOneSendIntervalOfMotion() {
        long seed = 20261126L;
        for (int hz : new int[] {20, 30, 60}) {
            InterpolationBenchmark.StallResult s = InterpolationBenchmark.runStall(hz, seed);
            System.out.println(InterpolationBenchmark.describe(s));
            assertThat(s.maxExcessStepMetres()).as("%d Hz", hz).isLessThanOrEqualTo(s.sendIntervalMotionMetres());
            assertThat(s.recoverySeconds()).as("%d Hz: back on the target timeline", hz).isBetween(0.01, 15.0);
        }
    }
}
