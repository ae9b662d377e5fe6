package dev.netcode.core.prediction.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The 16-bit window gives the float window's percentiles on integer samples at a quarter of the heap. */
class ShortSampleWindowTest {
    @Test
    void startsSmallGrowsToCapacityAndMatchesTheFloatWindow() {
        long seed = 20261127L;
        System.out.println("seed " + seed);
        SplittableRandom random = new SplittableRandom(seed);
        ShortSampleWindow shorts = new ShortSampleWindow(2048);
        SampleWindow floats = new SampleWindow(2048);
        assertThat(shorts.storeBytes()).isLessThanOrEqualTo(128);
        for (int i = 0; i < 5000; i++) {
            int v = random.nextInt(-256, 40);
            shorts.record(v);
            floats.record(v);
        }
        assertThat(shorts.storeBytes()).isEqualTo(2048 * 2);
        assertThat(shorts.count()).isEqualTo(5000);
        for (double p : new double[] {0, 1, 10, 50, 90, 99, 100}) {
            assertThat(shorts.percentile(p)).as("p%s", p).isEqualTo(floats.percentile(p));
        }
    }

    @Test
    void saturatesOutsideTheShortRangeAndIsEmptyAfterClear() {
        ShortSampleWindow w = new ShortSampleWindow(4);
        w.record(1 << 20);
        w.record(-(1 << 20));
        assertThat(w.percentile(100)).isEqualTo(Short.MAX_VALUE);
        assertThat(w.percentile(0)).isEqualTo(Short.MIN_VALUE);
        w.clear();
        assertThat(w.percentile(50)).isZero();
    }
}
