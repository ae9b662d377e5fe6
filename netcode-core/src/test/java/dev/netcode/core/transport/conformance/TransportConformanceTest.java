package dev.netcode.core.transport.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netcode.core.Channel;
import dev.netcode.core.DisconnectReason;
import dev.netcode.core.NetClient;
import dev.netcode.core.NetConfig;
import dev.netcode.core.NetServer;
import dev.netcode.core.conditioner.ConditionedTransport;
import dev.netcode.core.conditioner.LinkConditions;
import dev.netcode.core.conditioner.LinkProfile;
import dev.netcode.core.testing.Pump;
import dev.netcode.core.testing.RecordingListener;
import dev.netcode.core.testing.TestMessages;
import dev.netcode.core.testing.TestMessages.Counter;
import dev.netcode.core.transport.BackpressureException;
import dev.netcode.core.transport.MessageTooLargeException;
import dev.netcode.core.transport.Transport;
import dev.netcode.core.transport.TransportConnection;
import dev.netcode.core.transport.TransportServer;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;

/**
 * The contract every {@link Transport} must meet, as abstract JUnit 5 tests. A transport module
 * extends this class (core publishes it in its test-jar) and supplies a {@link Fixture}:
 *
 * <pre>{@code
 * class WebRtcTransportConformanceTest extends TransportConformanceTest {
 *     protected Fixture newFixture() { return new WebRtcFixture(); }
 * }
 * }</pre>
 *
 * <p>What is checked: reliable-ordered is exactly-once and in order (both directions at once);
 * unreliable channels may drop but never corrupt; {@code UNRELIABLE_SEQUENCED} never goes backwards
 * through core's endpoints; the size limit gives {@link MessageTooLargeException}; an orderly close
 * is seen by both sides after the data sent before it; a silent peer is detected by both endpoints
 * within the configured timeout; a sender that outruns a blocked receiver is held back by
 * {@link BackpressureException} with bounded buffering, and everything still arrives once it drains.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Message counts are small on purpose (the kit also runs through the conditioner at every
 *       preset); override {@link #messageCount()} for a soak run.</li>
 *   <li>The backpressure test blocks one transport callback for a while: transports must tolerate
 *       a slow handler (that is the point), but keep that in mind when reading thread dumps.</li>
 * </ul>
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class TransportConformanceTest {

    /** Two transports that reach each other at {@link #address()}. */
    public interface Fixture extends AutoCloseable {
        Transport serverTransport();

        Transport clientTransport();

        String address();

        @Override
        void close();
    }

    protected abstract Fixture newFixture() throws Exception;

    /** Messages per ordering test (default 300). */
    protected int messageCount() {
        return 300;
    }

    /** Upper bound for deliveries and close detection. */
    protected Duration deliveryTimeout() {
        return Duration.ofSeconds(45);
    }

    /**
     * Bytes a blocked receiver's side may absorb beyond the sender's {@code maxBufferedBytes} (for
     * example an SCTP receive window and messages in flight). Default 1 MiB.
     */
    protected long receiverSlackBytes() {
        return 1024 * 1024;
    }

    protected Fixture fixture;
    private long seed;

    @BeforeEach
    void setUpFixture(TestInfo info) throws Exception {
        fixture = newFixture();
        seed = 0x5eedL ^ info.getDisplayName().hashCode();
        System.out.println("[conformance] " + getClass().getSimpleName() + " " + info.getDisplayName() + " seed=" + seed);
    }

    @AfterEach
    void tearDownFixture() {
        if (fixture != null) {
            fixture.close();
        }
    }

    /** An open connection pair with recording handlers. */
    protected final class Pair implements AutoCloseable {
        public final RecordingHandler serverHandler = new RecordingHandler();
        public final RecordingHandler clientHandler = new RecordingHandler();
        public final TransportConnection client;
        public final TransportConnection server;
        private final TransportServer listener;

        Pair() throws Exception {
            CompletableFuture<TransportConnection> accepted = new CompletableFuture<>();
            listener = fixture.serverTransport().listen(fixture.address(), c -> {
                accepted.complete(c);
                return serverHandler;
            });
            client = fixture.clientTransport().connect(fixture.address(), clientHandler)
                    .get(deliveryTimeout().toMillis(), TimeUnit.MILLISECONDS);
            server = accepted.get(deliveryTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() {
            client.close();
            server.close();
            listener.close();
        }
    }

    // ------------------------------------------------------------------------------------ tests

    @Test
    void reliableOrderedIsExactlyOnceAndInOrderInBothDirections() throws Exception {
        try (Pair pair = new Pair()) {
            int n = messageCount();
            Thread toServer = new Thread(() -> sendNumbered(pair.client, Channel.RELIABLE_ORDERED, n, seed));
            toServer.start();
            sendNumbered(pair.server, Channel.RELIABLE_ORDERED, n, seed + 1);
            toServer.join();
            awaitCount(pair.serverHandler, n);
            awaitCount(pair.clientHandler, n);
            assertNumberedExactlyInOrder(pair.serverHandler.messages(), n);
            assertNumberedExactlyInOrder(pair.clientHandler.messages(), n);
            assertThat(pair.serverHandler.concurrentCalls.get()).as("serialized callbacks").isZero();
            assertThat(pair.clientHandler.concurrentCalls.get()).as("serialized callbacks").isZero();
        }
    }

    @Test
    void unreliableChannelsMayDropButNeverCorrupt() throws Exception {
        try (Pair pair = new Pair()) {
            int n = messageCount();
            for (Channel channel : List.of(Channel.UNRELIABLE, Channel.UNRELIABLE_SEQUENCED)) {
                sendNumbered(pair.client, channel, n, seed);
            }
            // A reliable marker after them: once it is in, wait a little longer for late unreliable ones.
            // With backpressure: the unreliable burst may still fill the send buffer (seen on a loaded machine).
            sendWithBackpressure(pair.client, Channel.RELIABLE_ORDERED, numbered(Integer.MAX_VALUE, 8, new SplittableRandom(seed)));
            Pump.until(deliveryTimeout(), () -> pair.serverHandler.messages().stream()
                    .anyMatch(m -> m.channel() == Channel.RELIABLE_ORDERED));
            Thread.sleep(1500);
            List<RecordingHandler.Message> received = pair.serverHandler.messages();
            assertThat(received.size()).as("something must get through").isGreaterThan(1);
            for (RecordingHandler.Message m : received) {
                int index = verifyNumbered(m.data());
                assertThat(index).isBetween(0, Integer.MAX_VALUE);
            }
            System.out.println("[conformance] unreliable delivered " + (received.size() - 1) + " of " + (2 * n));
        }
    }

    @Test
    void sequencedMessagesNeverGoBackwardsThroughTheEndpoints() throws Exception {
        RecordingListener serverEvents = new RecordingListener();
        RecordingListener clientEvents = new RecordingListener();
        NetConfig config = NetConfig.builder("conformance/1").build();
        try (NetServer server = new NetServer(config, TestMessages.registry(), fixture.serverTransport(), serverEvents);
                NetClient client = new NetClient(config, TestMessages.registry(), fixture.clientTransport(), clientEvents)) {
            server.bind(fixture.address());
            client.connect(fixture.address());
            Pump.until(deliveryTimeout(), () -> clientEvents.connected.size() == 1 && serverEvents.connected.size() == 1,
                    server::update, client::update);
            int n = messageCount();
            for (int i = 0; i < n; i++) {
                client.send(new Counter(7, i), Channel.UNRELIABLE_SEQUENCED);
                if (i % 10 == 0) {
                    Thread.sleep(1); // spread sends so that jitter can reorder them
                }
            }
            client.send(new TestMessages.Text("done"), Channel.RELIABLE_ORDERED);
            Pump.until(deliveryTimeout(), () -> !serverEvents.messages(TestMessages.Text.class).isEmpty(),
                    server::update, client::update);
            Pump.forDuration(Duration.ofMillis(1500), server::update, client::update);
            List<Integer> values = serverEvents.messages(Counter.class).stream().map(c -> c.value).toList();
            assertThat(values).as("at least one sequenced message arrives").isNotEmpty();
            for (int i = 1; i < values.size(); i++) {
                assertThat(values.get(i)).as("sequenced message %d after %d in %s", values.get(i), values.get(i - 1), values)
                        .isGreaterThan(values.get(i - 1));
            }
            System.out.println("[conformance] sequenced delivered " + values.size() + " of " + n + ", stale dropped "
                    + server.connections().get(0).stats().staleMessagesDropped());
        }
    }

    @Test
    void messageSizeLimitGivesTypedErrorAndLeavesTheConnectionUsable() throws Exception {
        try (Pair pair = new Pair()) {
            int max = pair.client.maxMessageSizeBytes();
            assertThat(max).isPositive();
            assertThatThrownBy(() -> pair.client.send(Channel.RELIABLE_ORDERED, ByteBuffer.allocate(max + 1)))
                    .isInstanceOf(MessageTooLargeException.class)
                    .satisfies(e -> assertThat(((MessageTooLargeException) e).maxSizeBytes()).isEqualTo(max));
            ByteBuffer largest = numbered(0, max, new SplittableRandom(seed));
            sendWithBackpressure(pair.client, Channel.RELIABLE_ORDERED, largest);
            awaitCount(pair.serverHandler, 1);
            assertThat(verifyNumbered(pair.serverHandler.messages().get(0).data())).isZero();
            assertThat(pair.serverHandler.messages().get(0).data()).hasSize(max);
        }
    }

    @Test
    protected void orderlyCloseIsSeenByBothSidesAfterTheDataSentBeforeIt() throws Exception {
        try (Pair pair = new Pair()) {
            int n = 20;
            sendNumbered(pair.client, Channel.RELIABLE_ORDERED, n, seed);
            pair.client.close();
            Pump.until(deliveryTimeout(), () -> pair.serverHandler.closedCount.get() == 1
                    && pair.clientHandler.closedCount.get() == 1);
            assertNumberedExactlyInOrder(pair.serverHandler.messages(), n);
            assertThat(pair.server.isOpen()).isFalse();
            assertThat(pair.client.isOpen()).isFalse();
            Thread.sleep(200);
            assertThat(pair.serverHandler.closedCount.get()).as("onClosed exactly once").isEqualTo(1);
            assertThat(pair.clientHandler.closedCount.get()).as("onClosed exactly once").isEqualTo(1);
            assertThat(pair.serverHandler.messagesAfterClose).isZero();
        }
    }

    @Test
    void silentPeerIsDetectedByBothEndpointsWithinTheTimeout() throws Exception {
        // Pull a virtual cable between the endpoints: the transport itself never signals a close.
        ConditionedTransport cable = new ConditionedTransport(fixture.clientTransport(),
                LinkProfile.symmetric("cable", LinkConditions.PERFECT), seed);
        RecordingListener serverEvents = new RecordingListener();
        RecordingListener clientEvents = new RecordingListener();
        int timeoutMs = 1500;
        NetConfig config = NetConfig.builder("conformance/1").keepAliveIntervalMs(100).timeoutMs(timeoutMs).build();
        try (NetServer server = new NetServer(config, TestMessages.registry(), fixture.serverTransport(), serverEvents);
                NetClient client = new NetClient(config, TestMessages.registry(), cable, clientEvents)) {
            server.bind(fixture.address());
            client.connect(fixture.address());
            Pump.until(deliveryTimeout(), () -> clientEvents.connected.size() == 1 && serverEvents.connected.size() == 1,
                    server::update, client::update);
            long start = System.nanoTime();
            cable.setBlackout(true);
            long[] detectedMs = new long[2];
            Pump.until(deliveryTimeout(), () -> {
                long elapsed = (System.nanoTime() - start) / 1_000_000;
                if (detectedMs[0] == 0 && !serverEvents.disconnected.isEmpty()) {
                    detectedMs[0] = elapsed;
                }
                if (detectedMs[1] == 0 && !clientEvents.disconnected.isEmpty()) {
                    detectedMs[1] = elapsed;
                }
                return detectedMs[0] > 0 && detectedMs[1] > 0;
            }, server::update, client::update);
            assertThat(serverEvents.lastReason()).isEqualTo(DisconnectReason.TIMEOUT);
            assertThat(clientEvents.lastReason()).isEqualTo(DisconnectReason.TIMEOUT);
            // The bound allows for the last packets in flight and a loaded test machine.
            long bound = timeoutMs + 3000;
            System.out.println("[conformance] timeout detected after " + detectedMs[0] + " ms (server), "
                    + detectedMs[1] + " ms (client); configured " + timeoutMs + " ms");
            assertThat(detectedMs[0]).isLessThanOrEqualTo(bound);
            assertThat(detectedMs[1]).isLessThanOrEqualTo(bound);
        } finally {
            cable.close();
        }
    }

    @Test
    void aSenderThatOutrunsTheLinkIsHeldBackWithBoundedMemory() throws Exception {
        try (Pair pair = new Pair()) {
            pair.serverHandler.closeGate(); // the receiver stalls on the first message
            int size = Math.min(16 * 1024, pair.client.maxMessageSizeBytes());
            long limit = pair.client.maxBufferedBytes();
            long acceptedBytes = 0;
            int sent = 0;
            boolean heldBack = false;
            SplittableRandom random = new SplittableRandom(seed);
            long giveUp = limit + receiverSlackBytes() + 64L * size;
            while (acceptedBytes <= giveUp) {
                try {
                    pair.client.send(Channel.RELIABLE_ORDERED, numbered(sent, size, random));
                } catch (BackpressureException e) {
                    heldBack = true;
                    assertThat(e.maxBufferedBytes()).isEqualTo(limit);
                    break;
                }
                sent++;
                acceptedBytes += size;
                assertThat(pair.client.bufferedBytes()).isLessThanOrEqualTo(limit);
            }
            assertThat(heldBack).as("backpressure after %d bytes (limit %d)", acceptedBytes, limit).isTrue();
            assertThat(acceptedBytes).isLessThanOrEqualTo(limit + receiverSlackBytes());
            assertThat(pair.client.isWritable()).isFalse();
            pair.serverHandler.openGate();
            // Drain, then the rest gets through in order.
            int total = sent + 16;
            for (int i = sent; i < total; i++) {
                sendWithBackpressure(pair.client, Channel.RELIABLE_ORDERED, numbered(i, size, random));
            }
            awaitCount(pair.serverHandler, total);
            assertNumberedExactlyInOrder(pair.serverHandler.messages(), total);
            Pump.until(deliveryTimeout(), () -> pair.client.bufferedBytes() == 0);
            // onWritable may trail the drain slightly (it is signalled from the transport's threads).
            Pump.until(deliveryTimeout(), () -> pair.clientHandler.writableCount.get() > 0);
            assertThat(pair.client.isWritable()).isTrue();
        }
    }

    // ------------------------------------------------------------------------------------ helpers

    /** Message layout: index (i32), CRC32 of the rest (i64), then random filler. */
    protected static ByteBuffer numbered(int index, int size, SplittableRandom random) {
        int length = Math.max(12, size);
        ByteBuffer b = ByteBuffer.allocate(length);
        b.putInt(index).putLong(0);
        while (b.hasRemaining()) {
            b.put((byte) random.nextInt(256));
        }
        CRC32 crc = new CRC32();
        crc.update(b.array(), 12, length - 12);
        crc.update(index);
        b.putLong(4, crc.getValue());
        return b.flip();
    }

    /** Returns the index if the checksum holds; fails the test otherwise. */
    protected static int verifyNumbered(byte[] data) {
        assertThat(data.length).as("message length").isGreaterThanOrEqualTo(12);
        ByteBuffer b = ByteBuffer.wrap(data);
        int index = b.getInt();
        long expected = b.getLong();
        CRC32 crc = new CRC32();
        crc.update(data, 12, data.length - 12);
        crc.update(index);
        assertThat(crc.getValue()).as("checksum of message %d", index).isEqualTo(expected);
        return index;
    }

    private void sendNumbered(TransportConnection connection, Channel channel, int n, long streamSeed) {
        SplittableRandom random = new SplittableRandom(streamSeed);
        for (int i = 0; i < n; i++) {
            int size = 12 + random.nextInt(Math.min(2000, connection.maxMessageSizeBytes() - 12));
            ByteBuffer message = numbered(i, size, random);
            if (channel.isReliable()) {
                sendWithBackpressure(connection, channel, message);
            } else {
                try {
                    connection.send(channel, message);
                } catch (BackpressureException e) {
                    // unreliable: a full buffer is a drop
                }
            }
        }
    }

    protected void sendWithBackpressure(TransportConnection connection, Channel channel, ByteBuffer message) {
        long deadline = System.nanoTime() + deliveryTimeout().toNanos();
        while (true) {
            try {
                connection.send(channel, message);
                return;
            } catch (BackpressureException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(1);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private void awaitCount(RecordingHandler handler, int n) {
        Pump.until(deliveryTimeout(), () -> handler.size() >= n);
    }

    private static void assertNumberedExactlyInOrder(List<RecordingHandler.Message> messages, int n) {
        assertThat(messages).hasSize(n);
        for (int i = 0; i < n; i++) {
            assertThat(messages.get(i).channel()).isEqualTo(Channel.RELIABLE_ORDERED);
            assertThat(verifyNumbered(messages.get(i).data())).as("message at position %d", i).isEqualTo(i);
        }
    }
}
