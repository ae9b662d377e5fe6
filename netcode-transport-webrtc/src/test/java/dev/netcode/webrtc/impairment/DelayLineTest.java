package dev.netcode.webrtc.impairment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The schedule on a virtual clock: no sockets, no sleeping. */
class DelayLineTest {

    private static final long MS = 1_000_000L;
    private static final InetSocketAddress DEST = new InetSocketAddress("127.0.0.1", 9);

    private static byte[] p(int n) {
        return new byte[] {(byte) n};
    }

    private static DatagramFate delay(long ms) {
        return new DatagramFate(false, false, false, ms * MS);
    }

    private static List<Integer> drain(DelayLine line, long nowNanos) {
        List<Integer> out = new ArrayList<>();
        DelayLine.Entry e;
        while ((e = line.poll(nowNanos)) != null) {
            out.add((int) e.payload()[0]);
        }
        return out;
    }

    @Test
    void delayIsAppliedAndJitterNeverReorders() {
        DelayLine line = new DelayLine(ImpairmentConfig.none());
        line.offer(Direction.TO_TARGET, DEST, p(1), delay(50), 0);
        line.offer(Direction.TO_TARGET, DEST, p(2), delay(30), 1 * MS); // would be due at 31 ms: held behind 1
        line.offer(Direction.TO_CLIENT, DEST, p(3), delay(10), 2 * MS); // other direction: independent
        assertThat(line.nextDueNanos()).isEqualTo(12 * MS);
        assertThat(drain(line, 11 * MS)).isEmpty();
        assertThat(drain(line, 12 * MS)).containsExactly(3);
        assertThat(drain(line, 49 * MS)).isEmpty();
        assertThat(drain(line, 50 * MS)).containsExactly(1, 2);
        assertThat(line.size()).isZero();
        assertThat(line.bytes()).isZero();
    }

    @Test
    void reorderedDatagramFollowsItsSuccessor() {
        DelayLine line = new DelayLine(ImpairmentConfig.none());
        DatagramFate reorder = new DatagramFate(false, false, true, 0);
        assertThat(line.offer(Direction.TO_TARGET, DEST, p(1), reorder, 0)).isEqualTo(DelayLine.HELD);
        assertThat(drain(line, 1 * MS)).isEmpty();
        // A second reorder while the bay is full: it becomes the successor that releases the first.
        assertThat(line.offer(Direction.TO_TARGET, DEST, p(2), reorder, 2 * MS)).isEqualTo(DelayLine.QUEUED);
        line.offer(Direction.TO_TARGET, DEST, p(3), DatagramFate.PASS, 2 * MS);
        assertThat(drain(line, 2 * MS)).containsExactly(2, 1, 3);
    }

    @Test
    void heldDatagramLeavesAtItsDeadlineWithoutSuccessor() {
        DelayLine line = new DelayLine(ImpairmentConfig.none().withReorderHoldMs(20));
        line.offer(Direction.TO_CLIENT, DEST, p(1), new DatagramFate(false, false, true, 5 * MS), 0);
        assertThat(line.size()).isEqualTo(1);
        assertThat(line.nextDueNanos()).isEqualTo(25 * MS);
        assertThat(drain(line, 24 * MS)).isEmpty();
        assertThat(drain(line, 25 * MS)).containsExactly(1);
        // FIFO floor moved to 25 ms: a datagram with a shorter delay cannot overtake anything.
        line.offer(Direction.TO_CLIENT, DEST, p(2), delay(1), 10 * MS);
        assertThat(line.nextDueNanos()).isEqualTo(25 * MS);
    }

    @Test
    void duplicateLeavesRightBehindTheOriginal() {
        DelayLine line = new DelayLine(ImpairmentConfig.none());
        assertThat(line.offer(Direction.TO_TARGET, DEST, p(1), new DatagramFate(false, true, false, 0), 0))
                .isEqualTo(DelayLine.QUEUED | DelayLine.DUPLICATED);
        line.offer(Direction.TO_TARGET, DEST, p(2), DatagramFate.PASS, 0);
        assertThat(drain(line, 0)).containsExactly(1, 1, 2);
    }

    @Test
    void capsRefuseWhatDoesNotFit() {
        DelayLine line = new DelayLine(ImpairmentConfig.none().withMaxQueuedDatagrams(3).withMaxQueuedBytes(65_535));
        assertThat(line.offer(Direction.TO_TARGET, DEST, p(1), delay(100), 0)).isEqualTo(DelayLine.QUEUED);
        assertThat(line.offer(Direction.TO_TARGET, DEST, p(2), delay(100), 0)).isEqualTo(DelayLine.QUEUED);
        // Room for one: the original is kept, its duplicate is not.
        assertThat(line.offer(Direction.TO_TARGET, DEST, p(3), new DatagramFate(false, true, false, 100 * MS), 0))
                .isEqualTo(DelayLine.QUEUED);
        assertThat(line.offer(Direction.TO_TARGET, DEST, p(4), delay(100), 0)).isEqualTo(DelayLine.OVERFLOW);
        assertThat(line.size()).isEqualTo(3);

        DelayLine bytes = new DelayLine(ImpairmentConfig.none().withMaxQueuedBytes(65_535));
        assertThat(bytes.offer(Direction.TO_TARGET, DEST, new byte[60_000], delay(100), 0)).isEqualTo(DelayLine.QUEUED);
        assertThat(bytes.offer(Direction.TO_TARGET, DEST, new byte[6_000], delay(100), 0)).isEqualTo(DelayLine.OVERFLOW);
        assertThat(bytes.bytes()).isEqualTo(60_000);
        bytes.clear();
        assertThat(bytes.size()).isZero();
        assertThat(bytes.nextDueNanos()).isEqualTo(Long.MAX_VALUE);
    }
}
