package dev.netcode.webrtc.datachannel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netcode.webrtc.sctp.SctpConfig;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Data channels through a lossy, duplicating, reordering, delaying or narrow virtual link. */
class DataChannelImpairmentTest {

    /** Records arrival index and virtual time of indexed binary messages. */
    private static final class Arrivals implements DataChannelListener {
        final VirtualClock clock;
        final List<Integer> indices = new ArrayList<>();
        final List<Long> timesMs = new ArrayList<>();
        int corrupt;
        TestMessages check;

        Arrivals(VirtualClock clock) {
            this.clock = clock;
        }

        @Override
        public void onBinaryMessage(DataChannel channel, ByteBuffer message) {
            byte[] b = new byte[message.remaining()];
            message.get(b);
            int index = TestMessages.indexOf(b);
            if (check != null && (index < 0 || !Arrays.equals(check.get(index).bytes(), b))) {
                corrupt++;
            }
            indices.add(index);
            timesMs.add(clock.nowMs());
        }

        @Override
        public void onStringMessage(DataChannel channel, String message) {
            onBinaryMessage(channel, ByteBuffer.wrap(message.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
    }

    private static ByteBuffer indexed(int index, int sizeBytes) {
        byte[] b = new byte[sizeBytes];
        byte[] hex = String.format("%08x", index).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(hex, 0, b, 0, 8);
        return ByteBuffer.wrap(b);
    }

    @ParameterizedTest(name = "lifetime={0}")
    @ValueSource(booleans = {false, true})
    void partiallyReliableChannelsDeliverWithoutStallingUnderLoss(boolean lifetime) {
        ChannelPair p = new ChannelPair(lifetime ? 201 : 202).connect();
        p.impair(0.10, 0, 0, 50, 0);
        DataChannelParameters params = lifetime
                ? DataChannelParameters.builder().ordered(false).maxPacketLifeTimeMs(100).build()
                : DataChannelParameters.builder().ordered(false).maxRetransmits(0).build();
        DataChannel ch = p.a.createDataChannel("pr", params);
        assertThat(p.run(() -> ch.readyState() == DataChannelState.OPEN, 30_000)).isTrue();
        Arrivals arrivals = new Arrivals(p.clock);
        p.remoteOnB.get(0).setListener(arrivals);

        int total = 2_000; // one 200-byte message every 10 ms: 20 s of a game's input stream
        long[] sentAtMs = new long[total];
        for (int i = 0; i < total; i++) {
            sentAtMs[i] = p.clock.nowMs();
            ch.send(indexed(i, 200));
            p.clock.runFor(10);
        }
        p.clock.runFor(2_000);
        List<Integer> got = arrivals.indices;
        System.out.printf("partial reliability lifetime=%s: %d of %d delivered through 10%% loss%n",
                lifetime, got.size(), total);
        assertThat(got).doesNotHaveDuplicates();
        assertThat(got.size()).isBetween(total * 80 / 100, total);
        // No stall: every delivered message arrives within a bound of its send time.
        long worstMs = 0;
        for (int k = 0; k < got.size(); k++) {
            worstMs = Math.max(worstMs, arrivals.timesMs.get(k) - sentAtMs[got.get(k)]);
        }
        System.out.printf("  worst latency %d ms%n", worstMs);
        assertThat(worstMs).isLessThan(lifetime ? 500 : 200);
        // The tail arrived too, and nothing is left queued or in flight.
        assertThat(got.get(got.size() - 1)).isGreaterThan(total - 20);
        assertThat(ch.bufferedAmount()).isZero();
        assertThat(p.run(() -> p.sctpA.stats().outstandingChunks() == 0, 30_000)).isTrue();
    }

    @Test
    @Tag("slow")
    void tenThousandReliableMessagesArriveExactlyOnceInOrderThroughAHostileLink() {
        ChannelPair p = new ChannelPair(203).connect();
        p.impair(0.10, 0.05, 0.05, 50, 20);
        DataChannel ch = p.a.createDataChannel("reliable", DataChannelParameters.DEFAULT);
        // An ordered channel opens before the peer has seen its OPEN: wait for both sides.
        assertThat(p.run(() -> ch.readyState() == DataChannelState.OPEN && !p.remoteOnB.isEmpty(), 60_000)).isTrue();
        Arrivals arrivals = new Arrivals(p.clock);
        TestMessages gen = new TestMessages(203, 65_536);
        arrivals.check = gen;
        p.remoteOnB.get(0).setListener(arrivals);

        int total = 10_000;
        System.gc();
        long heapBefore = usedHeap();
        long maxBuffered = 0;
        long maxReceiveBuffered = 0;
        int next = 0;
        long v0 = p.clock.nowMs();
        while (arrivals.indices.size() < total && p.clock.nowMs() - v0 < 3_600_000) {
            while (next < total && ch.bufferedAmount() < 512 * 1024) {
                TestMessages.Generated m = gen.get(next);
                byte[] b = m.bytes().length >= 8 ? m.bytes() : indexed(next, 8).array(); // every message indexed
                ch.send(ByteBuffer.wrap(b));
                next++;
            }
            maxBuffered = Math.max(maxBuffered, ch.bufferedAmount());
            maxReceiveBuffered = Math.max(maxReceiveBuffered, p.sctpB.stats().receiveBufferedBytes());
            p.clock.runFor(20);
        }
        long heapAfter = usedHeap();
        System.out.printf("impaired 10k: %d delivered in %d virtual s; max bufferedAmount %d, max receive "
                        + "buffer %d; heap %d -> %d MB; %s%n", arrivals.indices.size(), (p.clock.nowMs() - v0) / 1000,
                maxBuffered, maxReceiveBuffered, heapBefore >> 20, heapAfter >> 20, p.sctpA.stats());
        assertThat(arrivals.indices).hasSize(total);
        for (int i = 0; i < total; i++) {
            if (arrivals.indices.get(i) != i) {
                throw new AssertionError("message " + i + " arrived as " + arrivals.indices.get(i));
            }
        }
        arrivals.check = null;
        // sizes under 8 bytes were replaced by indexed 8-byte ones above, so check only the rest
        assertThat(arrivals.corrupt).isLessThanOrEqualTo(countSmall(gen, total));
        assertThat(maxBuffered).isLessThan(512 * 1024 + 65_536 + 1);
        assertThat(maxReceiveBuffered).isLessThanOrEqualTo(SctpConfig.defaults().receiveBufferBytes());
        assertThat(heapAfter - heapBefore).isLessThan(256L * 1024 * 1024);
    }

    private static int countSmall(TestMessages gen, int total) {
        int n = 0;
        for (int i = 0; i < total; i++) {
            if (gen.get(i).bytes().length < 8) {
                n++;
            }
        }
        return n;
    }

    private static long usedHeap() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    @Test
    void aSenderThatOutpacesTheLinkSeesBufferedAmountGrowAndTheLowEvent() {
        SctpConfig config = SctpConfig.builder().remoteMaxMessageSizeBytes(262_144)
                .maxSendBufferBytes(4L * 1024 * 1024).build();
        ChannelPair p = new ChannelPair(204, config).connect();
        for (VirtualWire w : List.of(p.aToB, p.bToA)) {
            w.bytesPerSecond = 1_000_000; // 1 MB/s bottleneck
            w.delayNanos = 20_000_000L;
        }
        DataChannel ch = p.a.createDataChannel("bulk", DataChannelParameters.DEFAULT);
        // An ordered channel opens before the peer has seen its OPEN: wait for both sides.
        assertThat(p.run(() -> ch.readyState() == DataChannelState.OPEN && !p.remoteOnB.isEmpty(), 10_000)).isTrue();
        int[] lows = new int[1];
        int[] received = new int[1];
        ch.setListener(new DataChannelListener() {
            @Override
            public void onBufferedAmountLow(DataChannel c) {
                lows[0]++;
            }
        });
        p.remoteOnB.get(0).setListener(new DataChannelListener() {
            @Override
            public void onBinaryMessage(DataChannel c, ByteBuffer m) {
                received[0]++;
            }
        });
        ch.setBufferedAmountLowThreshold(512 * 1024);
        byte[] chunk = new byte[64 * 1024];
        int sent = 0;
        long maxBuffered = 0;
        List<Long> samples = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            // Burst well beyond what the link drains: bufferedAmount grows until the bound refuses more.
            long before = ch.bufferedAmount();
            int refused = 0;
            for (int i = 0; i < 100; i++) {
                try {
                    ch.send(chunk);
                    sent++;
                } catch (DataChannelException e) {
                    assertThat(e.kind()).isEqualTo(DataChannelException.Kind.SEND_BUFFER_FULL);
                    refused++;
                }
            }
            maxBuffered = Math.max(maxBuffered, ch.bufferedAmount());
            samples.add(ch.bufferedAmount());
            assertThat(ch.bufferedAmount()).isGreaterThan(before);
            assertThat(refused).isPositive();
            int lowsBefore = lows[0];
            assertThat(p.run(() -> lows[0] > lowsBefore, 60_000)).isTrue();
            assertThat(ch.bufferedAmount()).isLessThanOrEqualTo(512 * 1024);
        }
        final int total = sent;
        assertThat(p.run(() -> received[0] == total, 120_000)).isTrue();
        System.out.printf("backpressure: %d x 64 KiB sent, bufferedAmount after bursts %s, max %d, %d low events%n",
                sent, samples, maxBuffered, lows[0]);
        assertThat(maxBuffered).isLessThanOrEqualTo(4L * 1024 * 1024);
        assertThat(lows[0]).isEqualTo(3);
        assertThat(ch.bufferedAmount()).isZero();
        assertThatThrownBy(() -> ch.setBufferedAmountLowThreshold(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
