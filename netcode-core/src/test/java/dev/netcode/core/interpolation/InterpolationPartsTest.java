package dev.netcode.core.interpolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class InterpolationPartsTest {

    @Test
    void clockSyncIgnoresQueueingOutliers() {
        long seed = 42;
        System.out.println("seed " + seed);
        Random random = new Random(seed);
        long trueOffset = 123_456_789_000L;
        ClockSync sync = new ClockSync(16);
        long local = 1_000_000_000L;
        for (int i = 0; i < 40; i++) {
            long up = 20_000_000L + random.nextInt(2_000_000);
            long down = 20_000_000L + random.nextInt(2_000_000);
            // one sample in four queued 80 ms on the way back: asymmetric, would skew a plain mean
            if (i % 4 == 0) {
                down += 80_000_000L;
            }
            long server = local + up + trueOffset;
            sync.addSample(local, server, local + up + down);
            local += 1_000_000_000L;
        }
        assertThat((double) sync.offsetNs()).isCloseTo(trueOffset, offset(2_000_000.0));
        assertThat(sync.rttNs()).isBetween(40_000_000L, 44_000_000L);
        assertThat(sync.serverTimeNs(0)).isEqualTo(sync.offsetNs());
    }

    @Test
    void bufferOrdersSamplesAndBoundsExtrapolation() {
        SnapshotBuffer<String> buffer = new SnapshotBuffer<>(4);
        SnapshotBuffer.Sample<String> s = new SnapshotBuffer.Sample<>();
        assertThat(buffer.sample(0, 0, s)).isFalse();
        buffer.add(200, "b");
        buffer.add(100, "a");
        assertThat(buffer.add(100, "dup")).isFalse();
        buffer.add(300, "c");
        assertThat(buffer.sample(150, 0, s)).isTrue();
        assertThat(s.from).isEqualTo("a");
        assertThat(s.to).isEqualTo("b");
        assertThat(s.alpha).isCloseTo(0.5, offset(1e-9));
        assertThat(s.extrapolating).isFalse();
        buffer.sample(500, 50, s);
        assertThat(s.extrapolating).isTrue();
        assertThat(s.from).isEqualTo("b");
        assertThat(s.to).isEqualTo("c");
        assertThat(s.alpha).isCloseTo(1.5, offset(1e-9));
        for (int t = 400; t <= 900; t += 100) {
            buffer.add(t, "t" + t);
        }
        assertThat(buffer.size()).isLessThanOrEqualTo(4);
        assertThat(buffer.newestTimeNs()).isEqualTo(900);
    }

    @Test
    void anglesTakeTheShortArcAndQuaternionsTheShortPath() {
        double from = Math.toRadians(170);
        double to = Math.toRadians(-170);
        assertThat(Math.toDegrees(Math.abs(Interpolators.angle(from, to, 0.5)))).isCloseTo(180, offset(1e-6));
        assertThat(Math.toDegrees(Interpolators.angle(from, to, 0.25))).isCloseTo(175, offset(1e-6));
        float[] identity = {0, 0, 0, 1};
        float s = (float) Math.sin(Math.PI / 4);
        float c = (float) Math.cos(Math.PI / 4);
        float[] yaw90 = {0, s, 0, c};
        float[] negated = {0, -s, 0, -c};
        float[] out = new float[4];
        float[] out2 = new float[4];
        Interpolators.slerp(identity, yaw90, 0.5, out);
        Interpolators.slerp(identity, negated, 0.5, out2);
        assertThat(out[1]).isCloseTo((float) Math.sin(Math.PI / 8), offset(1e-5f));
        assertThat(out2).containsExactly(out, offset(1e-5f));
        Interpolators.nlerp(identity, yaw90, 1.0, out);
        assertThat(out).containsExactly(yaw90, offset(1e-5f));
        assertThat(Interpolators.linear(2, 4, 0.25)).isEqualTo(2.5);
        // Hermite with matching velocities reproduces a straight constant-speed line.
        assertThat(Interpolators.hermite(0, 10, 1, 10, 0.1, 0.3)).isCloseTo(0.3, offset(1e-9));
    }

    @Test
    void customInterpolatorsPlugIn() {
        Interpolator<int[]> rgb = (a, b, t) -> new int[] {
            (int) Math.round(Interpolators.linear(a[0], b[0], t)),
            (int) Math.round(Interpolators.linear(a[1], b[1], t)),
            (int) Math.round(Interpolators.linear(a[2], b[2], t))};
        assertThat(rgb.interpolate(new int[] {0, 100, 200}, new int[] {100, 100, 0}, 0.5)).containsExactly(50, 100, 100);
    }
}
