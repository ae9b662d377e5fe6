package dev.netcode.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

class QuantizationPropertiesTest {

    @Property(tries = 500)
    void boundedFloatErrorIsWithinHalfAStep(@ForAll @DoubleRange(min = -1000, max = 1000) double value,
            @ForAll @IntRange(min = 1, max = 6) int decimals) {
        double resolution = Math.pow(10, -decimals) * 3;
        BoundedFloat bf = new BoundedFloat(-1000, 1000, resolution);
        int q = bf.quantize(value);
        assertThat(q).isBetween(0, bf.maxQuantum());
        assertThat(q).isLessThan(1 << bf.bits());
        assertThat(Math.abs(bf.dequantizeDouble(q) - value)).isLessThanOrEqualTo(resolution / 2 + 1e-9);
    }

    @Property(tries = 200)
    void boundedFloatClampsOutOfRange(@ForAll double value) {
        BoundedFloat bf = new BoundedFloat(-100, 100, 0.01);
        assertThat(bf.bits()).isEqualTo(15);
        float back = bf.dequantize(bf.quantize(value));
        assertThat(back).isBetween(-100f, 100f);
    }

    @Property(tries = 500)
    void angleErrorIsWithinHalfAStep(@ForAll @DoubleRange(min = -50, max = 50) double radians,
            @ForAll @IntRange(min = 4, max = 20) int bits) {
        AngleQuantizer aq = new AngleQuantizer(bits);
        int q = aq.quantize(radians);
        assertThat(q).isBetween(0, (1 << bits) - 1);
        float back = aq.dequantize(q);
        assertThat(back).isBetween((float) -Math.PI, (float) Math.PI);
        // float conversion of the result adds a few ulps on top of half a step
        assertThat(AngleQuantizer.circularDistance(back, radians)).isLessThanOrEqualTo(aq.maxErrorRadians() + 1e-6);
    }

    @Property(tries = 500)
    void smallestThreeQuaternionRoundTripsWithinTheStep(@ForAll @DoubleRange(min = -1, max = 1) double x,
            @ForAll @DoubleRange(min = -1, max = 1) double y, @ForAll @DoubleRange(min = -1, max = 1) double z,
            @ForAll @DoubleRange(min = -1, max = 1) double w, @ForAll @IntRange(min = 6, max = 16) int bits) {
        double n = Math.sqrt(x * x + y * y + z * z + w * w);
        Assume.that(n > 0.1);
        QuaternionQuantizer qq = new QuaternionQuantizer(bits);
        int[] slots = new int[4];
        qq.quantize(x, y, z, w, slots, 0);
        assertThat(slots[0]).isBetween(0, 3);
        for (int i = 1; i < 4; i++) {
            assertThat(slots[i]).isBetween(0, (1 << bits) - 1);
        }
        float[] back = new float[4];
        qq.dequantize(slots, 0, back, 0);
        double[] in = {x / n, y / n, z / n, w / n};
        double dot = 0;
        for (int i = 0; i < 4; i++) {
            dot += in[i] * back[i];
        }
        // q and -q are the same rotation: compare by |dot|. Each of the three sent components is off
        // by at most half a step; the rebuilt fourth (>= 1/2) by at most about sqrt(3) times that.
        double step = qq.componentMaxError();
        double maxComponentError = 3 * step + 1e-6;
        for (int i = 0; i < 4; i++) {
            double sign = Math.signum(dot);
            assertThat(Math.abs(sign * back[i] - in[i])).isLessThanOrEqualTo(maxComponentError);
        }
    }

    @Property(tries = 300)
    void unitVectorRoundTripsClosely(@ForAll @DoubleRange(min = -1, max = 1) double x,
            @ForAll @DoubleRange(min = -1, max = 1) double y, @ForAll @DoubleRange(min = -1, max = 1) double z) {
        double n = Math.sqrt(x * x + y * y + z * z);
        Assume.that(n > 0.1);
        UnitVectorQuantizer uq = new UnitVectorQuantizer(12);
        int[] slots = new int[2];
        uq.quantize(x, y, z, slots, 0);
        float[] back = new float[3];
        uq.dequantize(slots, 0, back, 0);
        double dot = (x * back[0] + y * back[1] + z * back[2]) / n;
        // 12 bits per octahedral coordinate: well under 0.1 degree anywhere on the sphere.
        assertThat(Math.toDegrees(Math.acos(Math.min(1, dot)))).isLessThan(0.1);
    }
}
