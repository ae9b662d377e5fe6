package dev.netcode.core.lagcomp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netcode.core.conditioner.LinkConditions;
import dev.netcode.core.prediction.simulation.VirtualLink;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 7 lag compensation acceptance on a virtual clock: a server at 60 Hz records a moving target
 * in an {@link EntityHistory} and sends its position every tick; the client draws it interpolated
 * 4 ticks (67 ms) in the past and shoots when it is under the crosshair on screen, reporting the
 * view tick it drew. The server judges each shot with and without compensation. Links carry
 * broadband-p50 jitter; deterministic for the printed seed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LagCompensationAcceptanceTest {
    private static final double TICK_MS = 1000.0 / 60;
    private static final double SPEED = 0.5;       // units per tick: 30 units/s
    private static final double HIT_RADIUS = 0.6;  // a bit more than one tick of motion
    private static final double CROSSHAIR_X = 30;
    private static final double INTERP_DELAY_TICKS = 4; // 67 ms
    private static final long MS = 1_000_000L;

    private record TargetState(int serverTick, double x) {}

    private record Fire(double viewTick, double aimX) {}

    /** Verdicts of one shot: hit with compensation, hit without, the tick judged at, the server tick. */
    private record Verdict(boolean hitOn, boolean hitOff, double judgedTick, int nowTick) {}

    private static double targetX(int tick) {
        return (tick % 120) * SPEED;
    }

    private static List<Verdict> shoot(double rttMs, long seed, LagCompensator on, LagCompensator off, EntityHistory history,
            int shots) {
        System.out.println("rtt=" + rttMs + " seed=" + seed);
        LinkConditions oneWay = LinkConditions.of(rttMs / 2, 11 / 2.0, 0);
        VirtualLink<TargetState> down = new VirtualLink<>(LinkConditions.of(rttMs / 2, 11 / 2.0, 5), seed, true);
        VirtualLink<Fire> up = new VirtualLink<>(oneWay, seed + 1, false); // a reliable channel: no loss, only delay
        List<Verdict> verdicts = new ArrayList<>();
        List<TargetState> received = new ArrayList<>();
        double[] pos = new double[1];
        int serverTick = 0;
        double serverNextMs = 0;
        double frameNextMs = 0.3 * TICK_MS;
        long lastReceiveNanos = 0;
        double prevRenderX = Double.NaN;
        int fired = 0;
        long now = 0;
        while (verdicts.size() < shots && now < 120_000 * MS) {
            long serverDue = (long) (serverNextMs * MS);
            long frameDue = (long) (frameNextMs * MS);
            now = Math.min(Math.min(serverDue, frameDue), Math.min(down.nextDueNanos(), up.nextDueNanos()));
            if (up.nextDueNanos() == now) {
                int nowTick = serverTick;
                up.deliverDue(now, f -> {
                    double viewOn = on.viewTick(nowTick, f.viewTick());
                    boolean hitOn = on.positionAt(1, viewOn, pos) && Math.abs(pos[0] - f.aimX()) <= HIT_RADIUS;
                    double viewOff = off.viewTick(nowTick, f.viewTick());
                    boolean hitOff = off.positionAt(1, viewOff, pos) && Math.abs(pos[0] - f.aimX()) <= HIT_RADIUS;
                    verdicts.add(new Verdict(hitOn, hitOff, viewOn, nowTick));
                });
            } else if (down.nextDueNanos() == now) {
                long at = now;
                down.deliverDue(now, s -> received.add(s));
                lastReceiveNanos = at;
                if (received.size() > 64) {
                    received.subList(0, received.size() - 64).clear();
                }
            } else if (serverDue == now) {
                serverNextMs += TICK_MS;
                serverTick++;
                history.beginTick(serverTick);
                history.record(1, targetX(serverTick));
                down.send(now, new TargetState(serverTick, targetX(serverTick)));
            } else {
                frameNextMs += TICK_MS;
                if (received.isEmpty() || fired >= shots) {
                    continue;
                }
                TargetState newest = received.get(received.size() - 1);
                double estimatedServerTick = newest.serverTick() + (now - lastReceiveNanos) / 1e6 / TICK_MS;
                double renderTick = estimatedServerTick - INTERP_DELAY_TICKS;
                double renderX = interpolate(received, renderTick);
                if (!Double.isNaN(renderX) && !Double.isNaN(prevRenderX) && prevRenderX < CROSSHAIR_X
                        && renderX >= CROSSHAIR_X && renderX - CROSSHAIR_X <= HIT_RADIUS / 2) {
                    up.send(now, new Fire(renderTick, CROSSHAIR_X)); // the target is under the crosshair on screen
                    fired++;
                }
                prevRenderX = renderX;
            }
        }
        return verdicts;
    }

    @Test
    void at150MsCompensatedShotsHitAndUncompensatedOnesMiss() {
        EntityHistory history = new EntityHistory(1, 8, 64); // > 1 s at 60 Hz
        LagCompensator on = new LagCompensator(history, TICK_MS);
        LagCompensator off = new LagCompensator(history, TICK_MS);
        off.setEnabled(false);
        List<Verdict> verdicts = shoot(150, 150_150L, on, off, history, 20);
        assertThat(verdicts).hasSize(20);
        for (Verdict v : verdicts) {
            assertThat(v.hitOn()).as("compensated shot hits " + v).isTrue();
            assertThat(v.hitOff()).as("uncompensated shot misses " + v).isFalse();
            double rewindMs = (v.nowTick() - v.judgedTick()) * TICK_MS;
            // The client draws 4 ticks behind the newest state it received (itself 75 ms old) and its
            // shot takes 75 ms to arrive: the server rewinds about RTT + 67 ms (217 ms), within the cap.
            assertThat(rewindMs).as("rewind ≈ RTT + interpolation delay").isBetween(150 + 67 - 40.0, 150 + 67 + 30.0);
        }
        assertThat(on.rewinds()).isEqualTo(20);
        assertThat(on.clampedRewinds()).isZero();
    }

    @Test
    void rewindsBeyondTheCapAreClamped() {
        // At 600 ms RTT the shooter saw the target about 600 + 67 ms before its shot arrives: beyond the 500 ms cap.
        EntityHistory history = new EntityHistory(1, 8, 64);
        LagCompensator on = new LagCompensator(history, TICK_MS);
        LagCompensator off = new LagCompensator(history, TICK_MS);
        off.setEnabled(false);
        List<Verdict> verdicts = shoot(600, 600_600L, on, off, history, 10);
        assertThat(verdicts).hasSize(10);
        for (Verdict v : verdicts) {
            assertThat(v.judgedTick()).as("judged at now - 500 ms").isCloseTo(v.nowTick() - 500 / TICK_MS, Offset.offset(1e-9));
            assertThat(v.hitOn()).as("the clamped rewind no longer reaches the drawn position " + v).isFalse();
        }
        assertThat(on.clampedRewinds()).isEqualTo(10);
    }

    private static double interpolate(List<TargetState> states, double tick) {
        for (int i = states.size() - 1; i > 0; i--) {
            TargetState b = states.get(i);
            TargetState a = states.get(i - 1);
            if (a.serverTick() <= tick && tick <= b.serverTick() && b.x() >= a.x()) {
                return a.x() + (b.x() - a.x()) * (tick - a.serverTick()) / (b.serverTick() - a.serverTick());
            }
        }
        return Double.NaN;
    }
}
