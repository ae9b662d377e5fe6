package dev.netcode.core.lagcomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class LagCompensatorTest {
    private static final double TICK_MS = 1000.0 / 60;

    private static EntityHistory historyOfOneSecondAndABit() {
        EntityHistory h = new EntityHistory(2, 4, 70);
        for (int t = 0; t < 200; t++) {
            h.beginTick(t);
            h.record(7, t * 0.5, 1);
            h.record(8, -t, 2);
        }
        return h;
    }

    @Test
    void samplesInterpolateBetweenTicksAndForgetBeyondCapacity() {
        EntityHistory h = historyOfOneSecondAndABit();
        double[] out = new double[2];
        assertThat(h.sample(150.5, 7, out)).isTrue();
        assertThat(out[0]).isEqualTo(75.25, Offset.offset(1e-9));
        assertThat(h.sample(150, 8, out)).isTrue();
        assertThat(out[0]).isEqualTo(-150);
        assertThat(h.sample(100, 7, out)).as("older than 70 ticks").isFalse();
        assertThat(h.sample(199.5, 7, out)).as("future").isFalse();
        assertThat(h.sample(150, 9, out)).as("unknown entity").isFalse();
        assertThat(h.oldestTick()).isEqualTo(130);
        assertThatThrownBy(() -> h.beginTick(199)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rewindsAreClampedToTheCap() {
        LagCompensator lag = new LagCompensator(historyOfOneSecondAndABit(), TICK_MS);
        assertThat(lag.viewTick(199, 190)).isEqualTo(190);
        assertThat(lag.clampedRewinds()).isZero();
        assertThat(lag.viewTick(199, 100)).as("500 ms = 30 ticks").isEqualTo(199 - 30, Offset.offset(1e-9));
        assertThat(lag.maxRequestedRewindMs()).isEqualTo(99 * TICK_MS, Offset.offset(1e-9));
        assertThat(lag.viewTick(199, Double.NaN)).isEqualTo(199);
        assertThat(lag.viewTick(199, 500)).as("no future").isEqualTo(199);
        assertThat(lag.clampedRewinds()).isEqualTo(1);
        assertThat(lag.viewTickFromDelay(199, 100, 100)).isEqualTo(199 - 150 / TICK_MS, Offset.offset(1e-9));
        double[] out = new double[2];
        assertThat(lag.positionAt(9, 190, out)).isFalse();
        assertThat(lag.historyMisses()).isEqualTo(1);
        lag.setEnabled(false);
        assertThat(lag.viewTick(199, 190)).isEqualTo(199);
    }

    @Test
    void theCapIsSizedFromTheWorstLagAndTheHistoryMustCoverIt() {
        double cap = LagCompensator.maxRewindMsFor(250, 300, 100);
        assertThat(cap).isEqualTo(LagCompensator.DEFAULT_MAX_REWIND_MS);
        assertThat(EntityHistory.ticksFor(cap, TICK_MS)).isEqualTo(32);
        EntityHistory tooShort = new EntityHistory(2, 4, 31);
        assertThatThrownBy(() -> new LagCompensator(tooShort, TICK_MS, cap)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32");
        EntityHistory enough = new EntityHistory(2, 4, 32);
        for (int t = 0; t < 100; t++) {
            enough.beginTick(t);
            enough.record(1, t, 0);
        }
        LagCompensator lag = new LagCompensator(enough, TICK_MS, cap);
        double view = lag.viewTick(99, 99 - cap / TICK_MS);
        double[] out = new double[2];
        assertThat(lag.positionAt(1, view, out)).as("the oldest tick the cap allows is still held").isTrue();
        assertThat(out[0]).isEqualTo(99 - cap / TICK_MS, Offset.offset(1e-9));
        assertThat(lag.clampedRewinds()).isZero();
        assertThatThrownBy(() -> LagCompensator.maxRewindMsFor(-1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
