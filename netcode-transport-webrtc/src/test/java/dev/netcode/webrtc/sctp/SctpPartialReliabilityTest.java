package dev.netcode.webrtc.sctp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netcode.webrtc.sctp.AssociationPair.Recorder;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** PR-SCTP (RFC 3758): partially reliable messages never stall the association under loss. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SctpPartialReliabilityTest {

    private static void sendTagged(SctpAssociation a, int stream, int i, int size, SctpSendOptions options) {
        ByteBuffer b = ByteBuffer.allocate(size);
        b.putInt(0, i);
        a.send(stream, 53, b, options);
    }

    private static int tag(Recorder.Message m) {
        return ByteBuffer.wrap(m.payload()).getInt(0);
    }

    private void runUnreliable(long seed, SctpSendOptions options, int size, int minDeliveredPercent) {
        System.out.println("seed = " + seed + ", options = " + options);
        AssociationPair p = new AssociationPair(seed, AssociationPair.defaultConfig()).connectBoth();
        p.impair(0.1, 0.05, 0.05, 30, 10);
        int count = 1000;
        // Interleave with a reliable ordered stream: it must keep flowing (no head-of-line stall).
        for (int i = 0; i < count; i++) {
            sendTagged(p.a, 1, i, size, options);
            if (i % 10 == 0) {
                sendTagged(p.a, 2, i / 10, 8, SctpSendOptions.RELIABLE_ORDERED);
            }
            if (i % 5 == 4) {
                p.run(() -> false, 20); // a 50 Hz game loop sending 5 messages per tick
            }
        }
        boolean reliableDone = p.run(() -> p.rb.messages.stream().filter(m -> m.streamId() == 2).count() == count / 10,
                300_000);
        assertThat(reliableDone).as("reliable stream stalled: %s", p.a.stats()).isTrue();
        // Everything sent gets resolved: acknowledged or skipped by FORWARD TSN.
        assertThat(p.run(() -> p.a.stats().outstandingChunks() == 0 && p.a.totalBufferedAmount() == 0, 300_000))
                .as("unresolved: %s", p.a.stats()).isTrue();
        p.run(() -> false, 5_000);
        Set<Integer> seen = new HashSet<>();
        int last = -1;
        for (Recorder.Message m : p.rb.messages) {
            if (m.streamId() != 1) {
                continue;
            }
            int t = tag(m);
            assertThat(seen.add(t)).as("duplicate delivery of %d", t).isTrue();
            if (options.ordered()) {
                assertThat(t).as("ordered delivery").isGreaterThan(last);
            }
            last = t;
        }
        System.out.println("delivered " + seen.size() + "/" + count + " partially reliable; " + p.a.stats());
        assertThat(seen.size()).isGreaterThanOrEqualTo(count * minDeliveredPercent / 100).isLessThanOrEqualTo(count);
        assertThat(p.a.stats().forwardTsnsSent()).isPositive();
        // After the last abandonment, new messages on the same stream still arrive.
        p.impair(0, 0, 0, 30, 0);
        sendTagged(p.a, 1, 1_000_000, size, options);
        assertThat(p.run(() -> p.rb.messages.stream().anyMatch(m -> m.streamId() == 1 && tag(m) == 1_000_000),
                10_000)).as("after the impairment: A %s B %s", p.a.stats(), p.b.stats()).isTrue();
        assertThat(p.rb.stats().receiveBufferedBytes()).isZero();
    }

    @Test
    void maxRetransmitsZeroUnorderedNeverStalls() {
        runUnreliable(11, SctpSendOptions.maxRetransmits(false, 0), 100, 80);
    }

    @Test
    void maxRetransmitsZeroOrderedFragmentedNeverStalls() {
        runUnreliable(12, SctpSendOptions.maxRetransmits(true, 0), 3000, 50);
    }

    // The lifetime cases offer more than the impaired link carries (about 125 KB/s into a 10 % loss
    // path), so most messages expire in the queue: what matters is that nothing stalls.
    @Test
    void lifetimeOrderedNeverStalls() {
        runUnreliable(13, SctpSendOptions.lifetime(true, 100), 500, 10);
    }

    @Test
    void lifetimeUnorderedFragmentedNeverStalls() {
        runUnreliable(14, SctpSendOptions.lifetime(false, 100), 2500, 2);
    }
}
