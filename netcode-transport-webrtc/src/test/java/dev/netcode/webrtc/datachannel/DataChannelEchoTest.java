package dev.netcode.webrtc.datachannel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * 10,000 messages of 0 B .. 256 KiB, string and binary, go through {@link DataChannelEcho} and
 * come back intact, with the same type, on reliable ordered and reliable unordered channels.
 */
@Tag("slow")
class DataChannelEchoTest {
    private static final int MESSAGES = 10_000;
    private static final long MAX_IN_FLIGHT_BYTES = 8L * 1024 * 1024;

    /** Sends paced by bufferedAmount and echoes outstanding; checks every echo. */
    static final class EchoClient implements DataChannelListener {
        final TestMessages gen;
        final int total;
        final boolean ordered;
        int nextToSend;
        long sentBytes;
        long echoedBytes;
        int echoed;
        int mismatched;
        long maxBufferedAmount;
        final BitSet seen = new BitSet();
        /** Unordered echoes of messages under 8 bytes (no index inside): counted by content. */
        final Map<String, Integer> smallOutstanding = new HashMap<>();

        EchoClient(TestMessages gen, int total, boolean ordered) {
            this.gen = gen;
            this.total = total;
            this.ordered = ordered;
        }

        void pump(DataChannel ch) {
            while (nextToSend < total && ch.bufferedAmount() < 1024 * 1024
                    && sentBytes - echoedBytes < MAX_IN_FLIGHT_BYTES) {
                TestMessages.Generated m = gen.get(nextToSend);
                m.sendOn(ch);
                if (!ordered && m.bytes().length < 8) {
                    smallOutstanding.merge(key(m.binary(), m.bytes()), 1, Integer::sum);
                }
                nextToSend++;
                sentBytes += m.bytes().length;
                maxBufferedAmount = Math.max(maxBufferedAmount, ch.bufferedAmount());
            }
        }

        private static String key(boolean binary, byte[] b) {
            return binary + Arrays.toString(b);
        }

        @Override
        public void onOpen(DataChannel channel) {
            channel.setBufferedAmountLowThreshold(256 * 1024);
            pump(channel);
        }

        @Override
        public void onBufferedAmountLow(DataChannel channel) {
            pump(channel);
        }

        @Override
        public void onStringMessage(DataChannel channel, String message) {
            check(false, message.getBytes(StandardCharsets.UTF_8));
            pump(channel);
        }

        @Override
        public void onBinaryMessage(DataChannel channel, ByteBuffer message) {
            byte[] b = new byte[message.remaining()];
            message.get(b);
            check(true, b);
            pump(channel);
        }

        private void check(boolean binary, byte[] bytes) {
            echoedBytes += bytes.length;
            int index = ordered ? echoed : TestMessages.indexOf(bytes);
            echoed++;
            if (index == -1) {
                if (smallOutstanding.merge(key(binary, bytes), -1, Integer::sum) < 0) {
                    mismatched++;
                }
                return;
            }
            if (index < 0 || index >= nextToSend || seen.get(index)) {
                mismatched++;
                return;
            }
            seen.set(index);
            TestMessages.Generated expected = gen.get(index);
            if (expected.binary() != binary || !Arrays.equals(expected.bytes(), bytes)) {
                mismatched++;
            }
        }
    }

    @ParameterizedTest(name = "ordered={0}")
    @ValueSource(booleans = {true, false})
    void tenThousandMixedMessagesComeBackIntact(boolean ordered) {
        long seed = ordered ? 101 : 102;
        ChannelPair p = new ChannelPair(seed).withEchoOnB().connect();
        p.impair(0, 0, 0, 5, 0);
        EchoClient client = new EchoClient(new TestMessages(seed, 262_144), MESSAGES, ordered);
        DataChannel ch = p.a.createDataChannel("echo", DataChannelParameters.builder().ordered(ordered).build());
        ch.setListener(client);
        long t0 = System.nanoTime();
        long v0 = p.clock.nowMs();
        boolean done = p.run(() -> client.echoed == MESSAGES, 600_000);
        long wallMs = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("echo ordered=%s: %d messages, %d bytes each way, %d ms wall, %d ms virtual, "
                        + "max bufferedAmount %d, echo backlog max %d%n", ordered, client.echoed, client.sentBytes,
                wallMs, p.clock.nowMs() - v0, client.maxBufferedAmount, p.echoB.backlogBytes());
        assertThat(done).as("all echoes back (echoed %d)", client.echoed).isTrue();
        assertThat(client.mismatched).isZero();
        assertThat(client.smallOutstanding.values()).allMatch(n -> n == 0);
        if (!ordered) {
            // every message of 8 bytes or more was seen exactly once
            int indexed = 0;
            for (int i = 0; i < MESSAGES; i++) {
                if (client.gen.get(i).bytes().length >= 8) {
                    indexed++;
                }
            }
            assertThat(client.seen.cardinality()).isEqualTo(indexed);
        }
        assertThat(p.echoB.echoedMessages()).isEqualTo(MESSAGES);
        assertThat(p.echoB.overflowedChannels()).isZero();
        assertThat(p.a.droppedMessages() + p.b.droppedMessages()).isZero();
    }
}
