package dev.netcode.bench.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class SnapshotBandwidthBenchmarkTest {

    @Test
    @Timeout(120)
    void deltaStaysUnderTheTargetsOnAShortRun() {
        SnapshotBandwidthBenchmark.Options o = SnapshotBandwidthBenchmark.Options.DEFAULT;
        SnapshotBandwidthBenchmark.Options shortRun =
                new SnapshotBandwidthBenchmark.Options(o.seed(), 15, o.snapshotHz(), o.lossRate(), o.rttMs(), o.rttJitterMs());
        SnapshotBandwidthBenchmark.Result r = SnapshotBandwidthBenchmark.run(shortRun);
        System.out.println(r.toJson());
        // The run itself throws if any decoded view differs from the sender's record.
        assertThat(r.decodedPackets()).isGreaterThan(800);
        assertThat(r.meanMovingCubes()).as("a realistic fraction of cubes moves").isGreaterThan(10);
        assertThat(r.maxDeltaPacketBytes()).isLessThanOrEqualTo(1200);
        assertThat(r.naiveKryoKbps()).isGreaterThan(10_000);
        assertThat(r.quantizedFullKbps()).isLessThan(r.naiveKryoKbps() / 2);
        assertThat(r.deltaVsNaive()).isLessThan(0.015);
        assertThat(r.deltaKbps()).isLessThan(250);
        assertThat(r.maxPositionErrorMetres()).isLessThan(0.01);
        assertThat(r.toJson()).contains("\"delta_vs_naive\":");
    }
}
