package dev.netcode.webrtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netcode.webrtc.datachannel.DataChannel;
import dev.netcode.webrtc.datachannel.DataChannelException;
import dev.netcode.webrtc.datachannel.DataChannelListener;
import dev.netcode.webrtc.datachannel.DataChannelMessageTooLargeException;
import dev.netcode.webrtc.datachannel.DataChannelParameters;
import dev.netcode.webrtc.datachannel.DataChannelState;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The acceptance matrix of issue 5 for DataChannels on a real {@link PeerConnection}, written once
 * against a {@link Remote} so that it runs Java↔Java and Java↔Chromium: the Java "tester" sends
 * and checks, the remote echoes every message on every channel with its type. Every scenario runs
 * twice, with the tester as offerer and with the remote as offerer.
 *
 * <p>Scenarios: 10,000 mixed messages (0 B..256 KiB, string and binary) on a reliable ordered and
 * a reliable unordered channel; {@code maxRetransmits=0} unordered and {@code maxPacketLifeTime=100}
 * channels keep flowing; 32 channels at once; negotiated channels in both directions; close from
 * either side reaches CLOSED on both and the stream id is reused; a message above the peer's
 * {@code a=max-message-size} is refused at {@code send()}; a sender that outpaces the link sees
 * {@code bufferedAmount} grow to a bounded cap and {@code bufferedamountlow} fire.
 */
abstract class DataChannelAcceptanceScenarios {
    static final long WAIT_S = 60;
    private static final int BULK_BYTES = 64 * 1024;

    /** The far end of the connection. Its channels echo unless switched to counting. */
    interface Remote {
        /** The remote end of channel {@code label} only counts received bytes from now on. */
        void discard(String label) throws Exception;

        /** Bytes received on the remote end of {@code label} since {@link #discard}. */
        long receivedBytes(String label) throws Exception;

        /** Creates a negotiated channel (same id on both sides) that echoes. */
        void createNegotiated(String label, int id) throws Exception;

        /** Sends a string on the remote end of {@code label}. */
        void sendText(String label, String text) throws Exception;

        /** Waits until the remote end of {@code label} exists and is open. */
        void awaitOpen(String label) throws Exception;

        /** Closes the remote end of {@code label}. */
        void closeChannel(String label) throws Exception;

        /** Waits until the remote end of {@code label} is closed. */
        void awaitClosed(String label) throws Exception;

        /** The stream id of the remote end of {@code label}. */
        int streamId(String label) throws Exception;

        /** The remote's {@code a=max-message-size}. */
        long maxMessageSizeBytes();

        void close();
    }

    /** A connected pair. */
    record Session(PeerConnection tester, Remote remote) implements AutoCloseable {
        @Override
        public void close() {
            tester.close();
            remote.close();
        }
    }

    /** Connects a fresh tester and remote; {@code testerOffers} picks the offerer. */
    abstract Session connect(boolean testerOffers, Random random) throws Exception;

    /** Messages per channel in the mixed-size scenario (10,000 by the issue). */
    int mixedMessageCount() {
        return 10_000;
    }

    static Random seeded(String test) {
        long seed = System.nanoTime();
        System.out.println(test + " seed=" + seed);
        return new Random(seed);
    }

    static <T> T onLoop(PeerConnection pc, Callable<T> task) throws Exception {
        return pc.eventLoop().submit(task).get(WAIT_S, TimeUnit.SECONDS);
    }

    static DataChannel create(PeerConnection pc, String label, DataChannelParameters p, DataChannelListener l)
            throws Exception {
        return onLoop(pc, () -> {
            DataChannel ch = pc.createDataChannel(label, p);
            ch.setListener(l);
            return ch;
        });
    }

    static <T> T await(CompletableFuture<T> f) throws Exception {
        return f.get(WAIT_S, TimeUnit.SECONDS);
    }

    static <T> T await(CompletableFuture<T> f, String what) throws Exception {
        try {
            return f.get(WAIT_S, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out after " + WAIT_S + " s waiting for " + what, e);
        }
    }

    // ------------------------------------------------------------------ scenarios

    @ParameterizedTest(name = "testerOffers={0}")
    @ValueSource(booleans = {true, false})
    @Tag("slow")
    @Timeout(400)
    void mixedMessagesComeBackIntactOnReliableOrderedAndUnordered(boolean testerOffers) throws Exception {
        Random random = seeded("mixedMessages testerOffers=" + testerOffers);
        List<AcceptanceMessage> messages = AcceptanceMessage.mixed(random, mixedMessageCount());
        System.out.printf("%d messages per channel, %d bytes%n", messages.size(), AcceptanceMessage.totalBytes(messages));
        try (Session s = connect(testerOffers, random)) {
            EchoChecker ordered = EchoChecker.of("ordered", messages, true);
            EchoChecker unordered = EchoChecker.of("unordered", messages, false);
            create(s.tester(), "ordered", DataChannelParameters.DEFAULT, ordered);
            create(s.tester(), "unordered", DataChannelParameters.builder().ordered(false).build(), unordered);
            ordered.done.get(300, TimeUnit.SECONDS);
            unordered.done.get(300, TimeUnit.SECONDS);
            System.out.printf("mixed echo: ordered %.1f MB/s, unordered %.1f MB/s (both directions), "
                    + "max bufferedAmount %d / %d%n", ordered.megabytesPerSecond(), unordered.megabytesPerSecond(),
                    ordered.maxBufferedAmount(), unordered.maxBufferedAmount());
            assertThat(ordered.received()).isEqualTo(messages.size());
            assertThat(unordered.received()).isEqualTo(messages.size());
        }
    }

    @ParameterizedTest(name = "testerOffers={0}")
    @ValueSource(booleans = {true, false})
    void partiallyReliableChannelsKeepFlowing(boolean testerOffers) throws Exception {
        Random random = seeded("partiallyReliable testerOffers=" + testerOffers);
        try (Session s = connect(testerOffers, random)) {
            IndexedFlow rexmit = new IndexedFlow(false);
            IndexedFlow lifetime = new IndexedFlow(true);
            DataChannel r = create(s.tester(), "rexmit0",
                    DataChannelParameters.builder().ordered(false).maxRetransmits(0).build(), rexmit);
            DataChannel l = create(s.tester(), "lifetime100",
                    DataChannelParameters.builder().maxPacketLifeTimeMs(100).build(), lifetime);
            await(rexmit.opened);
            await(lifetime.opened);
            s.remote().awaitOpen("rexmit0");
            s.remote().awaitOpen("lifetime100");
            // A steady stream, as a game sends inputs: 5 messages per channel every 2 ms.
            int total = IndexedFlow.TOTAL;
            int[] next = {0};
            CompletableFuture<Void> allSent = new CompletableFuture<>();
            ScheduledFuture<?>[] timer = new ScheduledFuture<?>[1];
            timer[0] = s.tester().eventLoop().scheduleAtFixedRate(() -> {
                try {
                    for (int k = 0; k < 5 && next[0] < total; k++, next[0]++) {
                        rexmit.send(r, next[0]);
                        lifetime.send(l, next[0]);
                    }
                } catch (RuntimeException e) {
                    allSent.completeExceptionally(e);
                }
                if (next[0] == total || allSent.isDone()) {
                    allSent.complete(null);
                    timer[0].cancel(false);
                }
            }, 0, 2, TimeUnit.MILLISECONDS);
            await(allSent);
            for (IndexedFlow f : List.of(rexmit, lifetime)) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (f.count() < total && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                f.assertFlowed();
            }
        }
    }

    @ParameterizedTest(name = "testerOffers={0}")
    @ValueSource(booleans = {true, false})
    void thirtyTwoChannelsAtOnceEachEcho(boolean testerOffers) throws Exception {
        Random random = seeded("thirtyTwoChannels testerOffers=" + testerOffers);
        try (Session s = connect(testerOffers, random)) {
            List<EchoChecker> checkers = new ArrayList<>();
            List<List<AcceptanceMessage>> lists = new ArrayList<>();
            for (int c = 0; c < 32; c++) {
                List<AcceptanceMessage> list = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    int size = i == 0 ? 0 : random.nextInt(4_096);
                    list.add(random.nextBoolean() ? AcceptanceMessage.binary(random, size) : AcceptanceMessage.string(random, size));
                }
                lists.add(list);
                checkers.add(EchoChecker.of("ch" + c, list, c % 2 == 0));
            }
            List<DataChannel> channels = onLoop(s.tester(), () -> {
                List<DataChannel> out = new ArrayList<>();
                for (int c = 0; c < 32; c++) {
                    DataChannel ch = s.tester().createDataChannel("ch" + c,
                            DataChannelParameters.builder().ordered(c % 2 == 0).build());
                    ch.setListener(checkers.get(c));
                    out.add(ch);
                }
                return out;
            });
            for (EchoChecker c : checkers) {
                await(c.done);
            }
            Set<Integer> ids = new HashSet<>();
            for (DataChannel ch : channels) {
                ids.add(ch.id());
                assertThat(s.remote().streamId(ch.label())).isEqualTo(ch.id());
            }
            assertThat(ids).hasSize(32);
            assertThat(channels).allMatch(ch -> ch.readyState() == DataChannelState.OPEN);
        }
    }

    @ParameterizedTest(name = "testerOffers={0}")
    @ValueSource(booleans = {true, false})
    void negotiatedChannelsWorkInBothDirections(boolean testerOffers) throws Exception {
        Random random = seeded("negotiated testerOffers=" + testerOffers);
        try (Session s = connect(testerOffers, random)) {
            for (int id : new int[] {100, 101}) { // one of each parity: the DTLS role does not matter
                String label = "negotiated" + id;
                ChannelProbe probe = new ChannelProbe();
                DataChannel ch = create(s.tester(), label,
                        DataChannelParameters.builder().negotiated(true).id(id).build(), probe);
                s.remote().createNegotiated(label, id);
                await(probe.opened);
                assertThat(ch.id()).isEqualTo(id);
                s.remote().awaitOpen(label);
                // Remote → tester first: the remote may send before hearing anything from us.
                s.remote().sendText(label, "hello from the remote on " + id);
                assertThat(probe.next(WAIT_S * 1000).text()).isEqualTo("hello from the remote on " + id);
                // Tester → remote → tester.
                List<AcceptanceMessage> list = AcceptanceMessage.mixed(random, 200).subList(0, 200);
                EchoChecker checker = EchoChecker.of(label, trimmed(list, 20_000), true);
                onLoop(s.tester(), () -> {
                    ch.setListener(checker);
                    checker.onOpen(ch);
                    return null;
                });
                await(checker.done);
            }
        }
    }

    @ParameterizedTest(name = "testerOffers={0}")
    @ValueSource(booleans = {true, false})
    void closeFromEitherSideClosesBothAndTheIdIsReused(boolean testerOffers) throws Exception {
        Random random = seeded("closeAndReuse testerOffers=" + testerOffers);
        try (Session s = connect(testerOffers, random)) {
            // In-band channels: closed by the tester, then by the remote; the next channel reuses the id.
            int previousId = -1;
            for (int round = 0; round < 4; round++) {
                boolean testerCloses = round % 2 == 0;
                String label = "close" + round;
                ChannelProbe probe = new ChannelProbe();
                DataChannel ch = create(s.tester(), label, DataChannelParameters.DEFAULT, probe);
                await(probe.opened, label + " (id " + ch.id() + ") to open; tester: " + ch + " errors " + probe.errors
                        + "; remote: " + s.remote());
                if (previousId >= 0) {
                    assertThat(ch.id()).as("stream id reused after close").isEqualTo(previousId);
                }
                previousId = ch.id();
                echoOne(s.tester(), ch, probe, "ping " + round);
                if (testerCloses) {
                    onLoop(s.tester(), () -> {
                        ch.close();
                        return null;
                    });
                } else {
                    s.remote().closeChannel(label);
                }
                await(probe.closed, label + " closed by the " + (testerCloses ? "tester" : "remote") + " to close on the tester");
                s.remote().awaitClosed(label);
                assertThat(ch.readyState()).isEqualTo(DataChannelState.CLOSED);
                assertThat(probe.closes).hasValue(1);
                assertThat(probe.errors).isEmpty();
            }
            // Negotiated: close, reopen the same id on both sides, close from the other side.
            for (int round = 0; round < 2; round++) {
                String label = "negotiated-close" + round;
                ChannelProbe probe = new ChannelProbe();
                DataChannel ch = create(s.tester(), label,
                        DataChannelParameters.builder().negotiated(true).id(200).build(), probe);
                s.remote().createNegotiated(label, 200);
                await(probe.opened);
                s.remote().awaitOpen(label);
                echoOne(s.tester(), ch, probe, "negotiated ping " + round);
                if (round == 0) {
                    onLoop(s.tester(), () -> {
                        ch.close();
                        return null;
                    });
                } else {
                    s.remote().closeChannel(label);
                }
                await(probe.closed);
                s.remote().awaitClosed(label);
            }
        }
    }

    @ParameterizedTest(name = "testerOffers={0}")
    @ValueSource(booleans = {true, false})
    void messageAboveThePeersMaximumIsRefusedAtSend(boolean testerOffers) throws Exception {
        Random random = seeded("tooLarge testerOffers=" + testerOffers);
        try (Session s = connect(testerOffers, random)) {
            long limit = s.remote().maxMessageSizeBytes();
            ChannelProbe probe = new ChannelProbe();
            DataChannel ch = create(s.tester(), "limits", DataChannelParameters.DEFAULT, probe);
            await(probe.opened);
            Throwable binary = onLoop(s.tester(), () -> {
                try {
                    ch.send(new byte[(int) limit + 1]);
                    return null;
                } catch (RuntimeException e) {
                    return e;
                }
            });
            assertThat(binary).isInstanceOfSatisfying(DataChannelMessageTooLargeException.class, e -> {
                assertThat(e.sizeBytes()).isEqualTo(limit + 1);
                assertThat(e.limitBytes()).isEqualTo(limit);
                assertThat(e.getMessage()).contains(Long.toString(limit));
            });
            // A string counts in UTF-8 bytes: limit/2 + 1 two-byte characters are too many.
            String text = "é".repeat((int) (limit / 2) + 1);
            Throwable string = onLoop(s.tester(), () -> {
                try {
                    ch.send(text);
                    return null;
                } catch (RuntimeException e) {
                    return e;
                }
            });
            assertThat(string).isInstanceOf(DataChannelMessageTooLargeException.class);
            assertThat(ch.readyState()).isEqualTo(DataChannelState.OPEN);
            // Exactly the limit still goes through and comes back, and the channel stays usable.
            byte[] max = AcceptanceMessage.binary(random, (int) limit).bytes();
            onLoop(s.tester(), () -> {
                ch.send(max);
                return null;
            });
            AcceptanceMessage echoed = probe.next(WAIT_S * 1000);
            assertThat(echoed.binary()).isTrue();
            assertThat(Arrays.equals(echoed.bytes(), max)).as("256 KiB echo intact").isTrue();
            echoOne(s.tester(), ch, probe, "still open");
            assertThat(probe.errors).isEmpty();
        }
    }

    @ParameterizedTest(name = "testerOffers={0}")
    @ValueSource(booleans = {true, false})
    void aSenderThatOutpacesTheLinkSeesBufferedAmountGrowBoundedAndTheLowEvent(boolean testerOffers)
            throws Exception {
        Random random = seeded("backpressure testerOffers=" + testerOffers);
        try (Session s = connect(testerOffers, random)) {
            ChannelProbe probe = new ChannelProbe();
            DataChannel ch = create(s.tester(), "bulk", DataChannelParameters.DEFAULT, probe);
            await(probe.opened);
            s.remote().discard("bulk");
            long threshold = 1024 * 1024;
            byte[] chunk = new byte[BULK_BYTES];
            random.nextBytes(chunk);
            // Known quirk: the DCEP OPEN/ACK shares the stream's send queue, so its drain may
            // already have fired one low event (threshold 0) on this fresh channel: count from here.
            int lowsBefore = onLoop(s.tester(), probe.lowEvents::get);
            // One event-loop task sends faster than any link: nothing is acknowledged meanwhile.
            long[] result = onLoop(s.tester(), () -> {
                ch.setBufferedAmountLowThreshold(threshold);
                long first = -1;
                long sent = 0;
                while (true) {
                    try {
                        ch.send(chunk);
                        sent++;
                        if (first < 0) {
                            first = ch.bufferedAmount();
                        }
                    } catch (DataChannelException e) {
                        assertThat(e.kind()).isEqualTo(DataChannelException.Kind.SEND_BUFFER_FULL);
                        assertThat(e.getMessage()).isNotBlank();
                        return new long[] {sent, first, ch.bufferedAmount()};
                    }
                    if (sent > 100_000) {
                        throw new AssertionError("the send buffer never filled: unbounded");
                    }
                }
            });
            long sent = result[0];
            long atFull = result[2];
            System.out.printf("backpressure: %d x 64 KiB accepted, bufferedAmount %d after the first, %d when full%n",
                    sent, result[1], atFull);
            assertThat(atFull).as("bufferedAmount grew").isGreaterThan(result[1]).isGreaterThan(threshold);
            assertThat(atFull).as("and is bounded").isLessThanOrEqualTo(16L * 1024 * 1024);
            assertThat(ch.readyState()).isEqualTo(DataChannelState.OPEN);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
            while (probe.lowEvents.get() == lowsBefore && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(probe.lowEvents).as("bufferedamountlow fired").hasValue(lowsBefore + 1);
            assertThat(probe.bufferedAmountAtLowEvent).as("bufferedAmount when the event fired").isLessThanOrEqualTo(threshold);
            assertThat(onLoop(s.tester(), ch::bufferedAmount)).isLessThanOrEqualTo(threshold);
            long expected = sent * BULK_BYTES;
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
            while (s.remote().receivedBytes("bulk") < expected && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(s.remote().receivedBytes("bulk")).isEqualTo(expected);
            assertThat(onLoop(s.tester(), ch::bufferedAmount)).isZero();
            assertThat(probe.lowEvents).as("fires once per crossing").hasValue(lowsBefore + 1);
            assertThat(probe.errors).isEmpty();
        }
    }

    // ------------------------------------------------------------------ helpers

    /** The first messages of {@code list} whose sizes add up to at most {@code maxBytes}. */
    static List<AcceptanceMessage> trimmed(List<AcceptanceMessage> list, long maxBytes) {
        List<AcceptanceMessage> out = new ArrayList<>();
        long total = 0;
        for (AcceptanceMessage m : list) {
            if (total + m.bytes().length <= maxBytes) {
                out.add(m);
                total += m.bytes().length;
            }
        }
        return out;
    }

    /** Sends one string and waits for it to come back. */
    static void echoOne(PeerConnection pc, DataChannel ch, ChannelProbe probe, String text) throws Exception {
        onLoop(pc, () -> {
            ch.send(text);
            return null;
        });
        AcceptanceMessage m = probe.next(WAIT_S * 1000);
        assertThat(m.binary()).isFalse();
        assertThat(m.text()).isEqualTo(text);
    }

    /** Indexed 1 KiB binary messages on a partially reliable channel: records what came back. */
    static final class IndexedFlow extends ChannelProbe {
        static final int TOTAL = 1_000;
        static final int SIZE = 1_024;
        final boolean ordered;
        private final List<Integer> arrivals = java.util.Collections.synchronizedList(new ArrayList<>());
        private volatile int corrupt;

        IndexedFlow(boolean ordered) {
            this.ordered = ordered;
            keepMessages = false;
        }

        static byte[] payload(int index) {
            ByteBuffer b = ByteBuffer.allocate(SIZE);
            b.putInt(index);
            while (b.hasRemaining()) {
                b.put((byte) (index * 31 + b.position()));
            }
            return b.array();
        }

        void send(DataChannel ch, int index) {
            ch.send(payload(index));
        }

        int count() {
            return arrivals.size();
        }

        @Override
        public void onBinaryMessage(DataChannel channel, ByteBuffer message) {
            byte[] b = new byte[message.remaining()];
            message.get(b);
            int index = b.length == SIZE ? ByteBuffer.wrap(b).getInt() : -1;
            if (index < 0 || index >= TOTAL || !Arrays.equals(b, payload(index))) {
                corrupt++;
                return;
            }
            arrivals.add(index);
        }

        void assertFlowed() {
            List<Integer> got = new ArrayList<>(arrivals);
            int outOfOrder = 0;
            for (int i = 1; i < got.size(); i++) {
                if (got.get(i) < got.get(i - 1)) {
                    outOfOrder++;
                }
            }
            System.out.printf("%s: %d of %d echoed, %d out of order%n", ordered ? "lifetime=100 ordered"
                    : "maxRetransmits=0 unordered", got.size(), TOTAL, outOfOrder);
            assertThat(corrupt).isZero();
            assertThat(got).doesNotHaveDuplicates();
            // These channels may lose messages by design: a loaded machine that holds a message
            // in a queue for 100 ms expires it (seen: 13 % on a busy 2-core box), and a dropped
            // datagram is not retransmitted. What must not happen is a stall: most messages, and
            // the end of the stream, arrive.
            // (On a box with load 20 the last few dozen of a Chromium run once stayed out for 20 s:
            // the SCTP sender only learns of a lost tail from its backed-off T3 timer.)
            assertThat(got.size()).isGreaterThanOrEqualTo(TOTAL / 2);
            assertThat(got).as("messages from the last tenth of the stream arrived").anyMatch(i -> i >= TOTAL * 9 / 10);
            if (ordered) {
                assertThat(outOfOrder).as("an ordered channel delivers in order").isZero();
            }
        }
    }
}
