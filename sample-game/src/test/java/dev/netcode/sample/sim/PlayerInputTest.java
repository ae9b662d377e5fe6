package dev.netcode.sample.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import org.junit.jupiter.api.Test;

class PlayerInputTest {
    @Test
    void quantizesAxesAndClamps() {
        PlayerInput in = PlayerInput.of(5, 2f, -0.5f, 0f, true);
        assertThat(in.moveX()).isEqualTo((byte) 127);
        assertThat(in.moveYAxis()).isCloseTo(-0.5f, within(1f / 127));
        assertThat(PlayerInput.quantizeAxis(Float.NaN)).isZero();
        assertThat(in.tick()).isEqualTo(5);
        assertThat(in.fire()).isTrue();
    }

    @Property(tries = 500, seed = "20261126")
    void aimRoundTripsWithinOneUnitAndWraps(@ForAll @FloatRange(min = -20, max = 20) float radians) {
        float back = PlayerInput.of(0, 0, 0, radians, false).aimRadians();
        double diff = Math.IEEEremainder(back - radians, 2 * Math.PI);
        assertThat(Math.abs(diff)).isLessThanOrEqualTo(2 * Math.PI / PlayerInput.AIM_UNITS_PER_TURN);
    }
}
