package dev.netcode.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FixedTimestepTest {

    @Test
    void jitteryLoopStillSimulatesAtTheTickRate() {
        long seed = 3;
        System.out.println("seed " + seed);
        Random random = new Random(seed);
        FixedTimestep steps = new FixedTimestep(60, 5);
        long now = 0;
        steps.advance(now);
        long ticks = 0;
        // 10 s of a loop waking every 1 to 30 ms
        while (now < 10_000_000_000L) {
            now += (1 + random.nextInt(30)) * 1_000_000L;
            int due = steps.advance(now);
            for (int i = 0; i < due; i++) {
                assertThat(steps.nextTick()).isEqualTo(ticks++);
            }
            assertThat(steps.alpha()).isBetween(0.0, 1.0);
        }
        assertThat(ticks).isBetween(598L, 601L);
        assertThat(steps.droppedTicks()).isZero();
        assertThatThrownBy(steps::nextTick).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aLongPauseCatchesUpABoundedNumberOfTicks() {
        FixedTimestep steps = new FixedTimestep(60, 5);
        steps.advance(0);
        assertThat(steps.advance(2_000_000_000L)).isEqualTo(5);
        assertThat(steps.droppedTicks()).isEqualTo(115);
    }

    @Test
    void sendRatesAreIndependentOfTheTickRateAndStaggered() {
        int sent20 = 0;
        int sent60 = 0;
        int sameTick = 0;
        for (long tick = 0; tick < 600; tick++) {
            boolean a = FixedTimestep.isSendTick(tick, 60, 20, 0);
            boolean b = FixedTimestep.isSendTick(tick, 60, 20, 1);
            sent20 += a ? 1 : 0;
            sent60 += FixedTimestep.isSendTick(tick, 60, 60, 7) ? 1 : 0;
            sameTick += a && b ? 1 : 0;
        }
        assertThat(sent20).isEqualTo(200);
        assertThat(sent60).isEqualTo(600);
        assertThat(sameTick).isZero();
    }
}
