package dev.netcode.webrtc.datachannel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Borrowed delivery ({@link BorrowingDataChannelListener}) against owned delivery, and the queued
 * {@code onBufferedAmountLow}, over two real SCTP associations in virtual time ({@link ChannelPair}).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BorrowedDeliveryTest {
    private static DataChannelParameters negotiated(int id, boolean ordered) {
        DataChannelParameters.Builder b = DataChannelParameters.builder().negotiated(true).id(id).ordered(ordered);
        return b.build();
    }

    /** Copies every borrowed view it is lent and records whether it was read-only. */
    static final class CopyingBorrower implements BorrowingDataChannelListener {
        final List<byte[]> messages = new ArrayList<>();
        final List<String> strings = new ArrayList<>();
        int writableViews;
        int ownedCalls;

        @Override
        public void onBorrowedBinaryMessage(DataChannel channel, ByteBuffer view) {
            if (!view.isReadOnly()) {
                writableViews++;
            }
            byte[] b = new byte[view.remaining()];
            view.get(b);
            messages.add(b);
        }

        @Override
        public void onBinaryMessage(DataChannel channel, ByteBuffer message) {
            ownedCalls++;
        }

        @Override
        public void onStringMessage(DataChannel channel, String message) {
            strings.add(message);
        }
    }

    private static byte[] pattern(Random random, int size) {
        byte[] b = new byte[size];
        random.nextBytes(b);
        return b;
    }

    @Test
    void borrowedViewsCarryEveryKindOfMessageIntactAndReadOnly() {
        long seed = 9101;
        Random random = new Random(seed);
        ChannelPair p = new ChannelPair(seed).connect();
        DataChannel ordered = p.a.createDataChannel("o", negotiated(2, true));
        DataChannel unordered = p.a.createDataChannel("u", negotiated(4, false));
        DataChannel orderedB = p.b.createDataChannel("o", negotiated(2, true));
        DataChannel unorderedB = p.b.createDataChannel("u", negotiated(4, false));
        CopyingBorrower onOrdered = new CopyingBorrower();
        CopyingBorrower onUnordered = new CopyingBorrower();
        orderedB.setListener(onOrdered);
        unorderedB.setListener(onUnordered);
        assertThat(p.run(() -> ordered.readyState() == DataChannelState.OPEN
                && orderedB.readyState() == DataChannelState.OPEN, 5_000)).isTrue();
        // Loss and reordering: ordered messages wait behind gaps (copied while held), fragments
        // of large ones are joined in the assembly buffer, small ones go through in place.
        p.impair(0.05, 0.02, 0.1, 5, 5);
        List<byte[]> sentOrdered = new ArrayList<>();
        int[] sizes = {1, 64, 1100, 1200, 5000, 20_000, 70_000, 0, 300};
        for (int round = 0; round < 4; round++) {
            for (int size : sizes) {
                byte[] b = pattern(random, size);
                sentOrdered.add(b);
                ordered.send(b);
                unordered.send(pattern(random, size));
            }
        }
        ordered.send("text is still a String");
        assertThat(p.run(() -> onOrdered.strings.size() == 1 && onUnordered.messages.size() == 4 * sizes.length, 120_000))
                .isTrue();
        assertThat(onOrdered.messages).hasSize(sentOrdered.size());
        for (int i = 0; i < sentOrdered.size(); i++) {
            assertThat(onOrdered.messages.get(i)).as("ordered message %d", i).isEqualTo(sentOrdered.get(i));
        }
        assertThat(onOrdered.strings).containsExactly("text is still a String");
        assertThat(onOrdered.writableViews + onUnordered.writableViews).isZero();
        assertThat(onOrdered.ownedCalls + onUnordered.ownedCalls).isZero();
    }

    @Test
    void anOwningListenerKeepsItsBufferWhileLaterMessagesArrive() {
        ChannelPair p = new ChannelPair(9102).connect();
        DataChannel a = p.a.createDataChannel("u", negotiated(2, false));
        DataChannel b = p.b.createDataChannel("u", negotiated(2, false));
        List<ByteBuffer> kept = new ArrayList<>();
        b.setListener(new DataChannelListener() {
            @Override
            public void onBinaryMessage(DataChannel channel, ByteBuffer message) {
                kept.add(message); // owned: no copy needed
            }
        });
        assertThat(p.run(() -> a.readyState() == DataChannelState.OPEN && b.readyState() == DataChannelState.OPEN, 5_000))
                .isTrue();
        for (int i = 0; i < 50; i++) {
            byte[] m = new byte[40];
            java.util.Arrays.fill(m, (byte) i);
            a.send(m);
        }
        assertThat(p.run(() -> kept.size() == 50, 10_000)).isTrue();
        for (ByteBuffer m : kept) {
            assertThat(m.position()).isZero();
            assertThat(m.remaining()).isEqualTo(40);
            byte first = m.get(0);
            for (int j = 0; j < 40; j++) {
                assertThat(m.get(j)).isEqualTo(first);
            }
        }
        assertThat(kept).extracting(m -> (int) m.get(0)).doesNotHaveDuplicates();
    }

    @Test
    void bufferedAmountLowIsQueuedNotFiredInsideSendAndFiresOncePerCrossing() {
        ChannelPair p = new ChannelPair(9103).connect();
        DataChannel a = p.a.createDataChannel("r", negotiated(2, true));
        DataChannel b = p.b.createDataChannel("r", negotiated(2, true));
        boolean[] inSend = new boolean[1];
        int[] insideSend = new int[1];
        int[] lows = new int[1];
        a.setListener(new DataChannelListener() {
            @Override
            public void onBufferedAmountLow(DataChannel channel) {
                lows[0]++;
                if (inSend[0]) {
                    insideSend[0]++;
                }
            }
        });
        assertThat(p.run(() -> a.readyState() == DataChannelState.OPEN && b.readyState() == DataChannelState.OPEN, 5_000))
                .isTrue();
        // Threshold 0 (the default): a small message goes straight to the wire, so bufferedAmount
        // crosses 100 -> 0 inside send(); the event must come after it, once.
        inSend[0] = true;
        a.send(new byte[100]);
        inSend[0] = false;
        assertThat(lows[0]).as("no event inside send()").isZero();
        p.clock.runFor(0);
        assertThat(lows[0]).isEqualTo(1);
        assertThat(insideSend[0]).isZero();
        p.clock.runFor(1_000);
        assertThat(lows[0]).as("one crossing, one event").isEqualTo(1);
        // Two crossings before the loop runs: two events, none inside send().
        inSend[0] = true;
        a.send(new byte[100]);
        a.send(new byte[100]);
        inSend[0] = false;
        p.clock.runFor(0);
        assertThat(lows[0]).isEqualTo(3);
        assertThat(insideSend[0]).isZero();
    }

    @Test
    void aListenerThatSendsFromTheLowEventIsNotReentered() {
        ChannelPair p = new ChannelPair(9104).connect();
        DataChannel a = p.a.createDataChannel("r", negotiated(2, true));
        DataChannel b = p.b.createDataChannel("r", negotiated(2, true));
        RecordingChannelListener received = new RecordingChannelListener();
        b.setListener(received);
        int total = 200;
        int[] sent = new int[1];
        int[] depth = new int[1];
        int[] maxDepth = new int[1];
        a.setListener(new DataChannelListener() {
            @Override
            public void onOpen(DataChannel channel) {
                pump(channel);
            }

            @Override
            public void onBufferedAmountLow(DataChannel channel) {
                pump(channel);
            }

            private void pump(DataChannel channel) {
                depth[0]++;
                maxDepth[0] = Math.max(maxDepth[0], depth[0]);
                try {
                    // Send while the queue is empty; each send that drains at once queues one event.
                    if (sent[0] < total && channel.bufferedAmount() == 0) {
                        channel.send(new byte[] {(byte) sent[0], (byte) (sent[0] >> 8)});
                        sent[0]++;
                    }
                } finally {
                    depth[0]--;
                }
            }
        });
        assertThat(p.run(() -> received.messages.size() == total, 30_000)).isTrue();
        assertThat(maxDepth[0]).as("the event never runs inside the send() it comes from").isEqualTo(1);
        for (int i = 0; i < total; i++) {
            byte[] m = received.messages.get(i).bytes();
            assertThat((m[0] & 0xff) | (m[1] & 0xff) << 8).as("message %d, once and in order", i).isEqualTo(i);
        }
    }
}
