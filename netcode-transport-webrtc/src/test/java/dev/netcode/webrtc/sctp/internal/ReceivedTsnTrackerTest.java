package dev.netcode.webrtc.sctp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The receiver's TSN bitmap starts small (a host holds hundreds of associations), grows to the full
 * window when a gap is wide, keeps every tracked arrival across the growth, and shrinks back once
 * the gaps close.
 */
class ReceivedTsnTrackerTest {
    private static final int TSN0 = -100; // crosses the 2^32 wrap while the tests run

    @Test
    void startsSmallAndStaysSmallForInOrderArrivals() {
        ReceivedTsnTracker t = new ReceivedTsnTracker(TSN0);
        for (int i = 0; i < 10_000; i++) {
            assertThat(t.observe(TSN0 + i)).isEqualTo(ReceivedTsnTracker.Arrival.NEW);
        }
        assertThat(t.cumulativeTsn()).isEqualTo(TSN0 + 9_999);
        assertThat(t.capacityTsns()).isEqualTo(ReceivedTsnTracker.INITIAL_WINDOW_TSNS);
    }

    @Test
    void aWideGapGrowsTheBitmapKeepsEveryArrivalAndShrinksWhenClosed() {
        ReceivedTsnTracker t = new ReceivedTsnTracker(TSN0);
        // TSN0 is lost; a few arrivals inside the small window, then one far beyond it.
        t.observe(TSN0 + 2);
        t.observe(TSN0 + 3);
        t.observe(TSN0 + 100);
        t.observe(TSN0 + 5_000);
        assertThat(t.capacityTsns()).isGreaterThan(5_000).isLessThanOrEqualTo(ReceivedTsnTracker.WINDOW_TSNS);
        SackChunk sack = t.buildSack(1 << 20);
        assertThat(sack.cumulativeTsnAck()).isEqualTo(TSN0 - 1);
        assertThat(sack.gapStarts()).containsExactly(3, 101, 5_001);
        assertThat(sack.gapEnds()).containsExactly(4, 101, 5_001);
        assertThat(t.observe(TSN0 + 100)).isEqualTo(ReceivedTsnTracker.Arrival.DUPLICATE);
        // Fill every hole: the cumulative TSN sweeps up to the far arrival and the bitmap shrinks.
        for (int i = 0; i <= 5_000; i++) {
            t.observe(TSN0 + i);
        }
        assertThat(t.cumulativeTsn()).isEqualTo(TSN0 + 5_000);
        assertThat(t.hasGaps()).isFalse();
        assertThat(t.capacityTsns()).isEqualTo(ReceivedTsnTracker.INITIAL_WINDOW_TSNS);
    }

    @Test
    void theWindowLimitStillHolds() {
        ReceivedTsnTracker t = new ReceivedTsnTracker(TSN0);
        assertThat(t.observe(TSN0 + ReceivedTsnTracker.WINDOW_TSNS)).isEqualTo(ReceivedTsnTracker.Arrival.OUT_OF_WINDOW);
        assertThat(t.observe(TSN0 + ReceivedTsnTracker.WINDOW_TSNS - 1)).isEqualTo(ReceivedTsnTracker.Arrival.NEW);
        assertThat(t.capacityTsns()).isEqualTo(ReceivedTsnTracker.WINDOW_TSNS);
        assertThat(t.buildSack(1 << 20).gapStarts()).containsExactly(ReceivedTsnTracker.WINDOW_TSNS);
    }

    @Test
    void forwardTsnAcrossAGrownWindowClearsOnlyWhatItSkips() {
        ReceivedTsnTracker t = new ReceivedTsnTracker(TSN0);
        t.observe(TSN0 + 1_000);
        t.observe(TSN0 + 3_000);
        assertThat(t.forwardTo(TSN0 + 2_000)).isTrue();
        assertThat(t.cumulativeTsn()).isEqualTo(TSN0 + 2_000);
        assertThat(t.isReceived(TSN0 + 3_000)).isTrue();
        assertThat(t.isReceived(TSN0 + 2_999)).isFalse();
        assertThat(t.forwardTo(TSN0 + 2_999)).isTrue();
        assertThat(t.cumulativeTsn()).isEqualTo(TSN0 + 3_000);
        assertThat(t.capacityTsns()).isEqualTo(ReceivedTsnTracker.INITIAL_WINDOW_TSNS);
    }
}
