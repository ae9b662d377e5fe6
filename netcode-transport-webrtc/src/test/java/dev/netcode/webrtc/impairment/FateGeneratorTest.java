package dev.netcode.webrtc.impairment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FateGeneratorTest {

    private static final long SEED = 20261126L;

    @Test
    void sameSeedSameFates() {
        System.out.println("seed " + SEED);
        ImpairmentConfig config = ImpairmentConfig.none().withDropPercent(10).withDuplicatePercent(5)
                .withReorderPercent(5).withDelayMs(50).withJitterMs(20);
        assertThat(fates(config, SEED, 1000)).isEqualTo(fates(config, SEED, 1000));
        assertThat(fates(config, SEED, 1000)).isNotEqualTo(fates(config, SEED + 1, 1000));
    }

    @Test
    void dropSetDoesNotDependOnTheOtherRates() {
        // Four draws per datagram whatever happens: changing one rate leaves the others' choices alone.
        ImpairmentConfig lossOnly = ImpairmentConfig.none().withDropPercent(10);
        ImpairmentConfig everything = lossOnly.withDuplicatePercent(30).withReorderPercent(30).withJitterMs(10).withDelayMs(20);
        List<Boolean> a = fates(lossOnly, SEED, 2000).stream().map(DatagramFate::drop).toList();
        List<Boolean> b = fates(everything, SEED, 2000).stream().map(DatagramFate::drop).toList();
        assertThat(a).isEqualTo(b);
    }

    @Test
    void ratesAndDelaysMatchTheConfiguration() {
        System.out.println("seed " + SEED);
        int n = 100_000;
        ImpairmentConfig config = ImpairmentConfig.none().withDropPercent(10).withDuplicatePercent(5)
                .withReorderPercent(5).withDelayMs(50).withJitterMs(20);
        List<DatagramFate> fates = fates(config, SEED, n);
        long drops = fates.stream().filter(DatagramFate::drop).count();
        List<DatagramFate> kept = fates.stream().filter(f -> !f.drop()).toList();
        long dups = kept.stream().filter(DatagramFate::duplicate).count();
        long reorders = kept.stream().filter(DatagramFate::reorder).count();
        // Binomial: 5 standard deviations is far beyond what a correct generator ever shows.
        assertWithin(drops, n, 0.10);
        assertWithin(dups, kept.size(), 0.05);
        assertWithin(reorders, kept.size(), 0.05);
        double meanMs = kept.stream().mapToLong(DatagramFate::delayNanos).average().orElseThrow() / 1e6;
        assertThat(meanMs).isBetween(49.5, 50.5);
        assertThat(kept).allSatisfy(f -> assertThat(f.delayNanos()).isBetween(30_000_000L, 70_000_000L));
    }

    @Test
    void jitterLargerThanDelayClampsAtZero() {
        ImpairmentConfig config = ImpairmentConfig.preset("unplayable");
        List<DatagramFate> kept = fates(config, SEED, 20_000).stream().filter(f -> !f.drop()).toList();
        assertThat(kept).allSatisfy(f -> assertThat(f.delayNanos()).isBetween(0L, 700_000_000L));
        assertThat(kept).anyMatch(f -> f.delayNanos() == 0);
    }

    @Test
    void transparentConfigPassesEverything() {
        assertThat(fates(ImpairmentConfig.none(), SEED, 1000)).containsOnly(DatagramFate.PASS);
    }

    private static void assertWithin(long count, int trials, double p) {
        double sd = Math.sqrt(trials * p * (1 - p));
        assertThat((double) count).as("count of %d trials at p=%s", trials, p)
                .isBetween(trials * p - 5 * sd, trials * p + 5 * sd);
    }

    private static List<DatagramFate> fates(ImpairmentConfig config, long seed, int n) {
        FateGenerator generator = new FateGenerator(config, seed);
        List<DatagramFate> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(generator.next());
        }
        return out;
    }
}
