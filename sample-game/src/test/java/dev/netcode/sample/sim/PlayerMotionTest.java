package dev.netcode.sample.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import org.junit.jupiter.api.Test;

class PlayerMotionTest {
    private static final float DT = 1f / 60f;

    @Test
    void straightInputMovesAtConfiguredSpeed() {
        float[] p = {10f, 10f};
        PlayerMotion.step(p, 1f, 0f, DT);
        assertThat(p[0]).isCloseTo(10f + PlayerMotion.SPEED_UNITS_PER_SECOND * DT, within(1e-5f));
        assertThat(p[1]).isEqualTo(10f);
    }

    @Test
    void diagonalInputIsNotFaster() {
        float[] p = {10f, 10f};
        PlayerMotion.step(p, 1f, 1f, DT);
        double moved = Math.hypot(p[0] - 10f, p[1] - 10f);
        assertThat(moved).isCloseTo(PlayerMotion.SPEED_UNITS_PER_SECOND * DT, within(1e-5));
    }

    @Test
    void staysInsideArena() {
        float[] p = {1f, 1f};
        for (int i = 0; i < 600; i++) {
            PlayerMotion.step(p, -1f, -1f, DT);
        }
        assertThat(p).containsExactly(PlayerMotion.PLAYER_RADIUS, PlayerMotion.PLAYER_RADIUS);
    }

    @Property(tries = 500, seed = "20261126")
    void deterministicAndBounded(@ForAll @FloatRange(min = 0, max = 64) float x,
                                 @ForAll @FloatRange(min = 0, max = 36) float y,
                                 @ForAll @FloatRange(min = -3, max = 3) float mx,
                                 @ForAll @FloatRange(min = -3, max = 3) float my) {
        float[] a = {x, y};
        float[] b = {x, y};
        PlayerMotion.step(a, mx, my, DT);
        PlayerMotion.step(b, mx, my, DT);
        assertThat(a).containsExactly(b);
        assertThat(a[0]).isBetween(PlayerMotion.PLAYER_RADIUS, PlayerMotion.ARENA_WIDTH - PlayerMotion.PLAYER_RADIUS);
        assertThat(a[1]).isBetween(PlayerMotion.PLAYER_RADIUS, PlayerMotion.ARENA_HEIGHT - PlayerMotion.PLAYER_RADIUS);
        assertThat(Obstacles.overlaps(a[0], a[1], PlayerMotion.PLAYER_RADIUS - 1e-3f)).isFalse();
    }

    @Test
    void wallsBlockMovementAndPlayersSlideAlongThem() {
        // The left bar spans x 14..16, y 12..24; walk right into it from x = 12.
        float[] p = {12f, 18f};
        for (int i = 0; i < 120; i++) {
            PlayerMotion.step(p, 1f, 0.3f, DT);
        }
        assertThat(p[0]).isCloseTo(14f - PlayerMotion.PLAYER_RADIUS, within(1e-4f));
        assertThat(p[1]).isGreaterThan(18f); // slid along the wall
    }
}
