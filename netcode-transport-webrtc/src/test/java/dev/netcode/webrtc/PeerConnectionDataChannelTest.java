package dev.netcode.webrtc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netcode.webrtc.datachannel.DataChannel;
import dev.netcode.webrtc.datachannel.DataChannelException;
import dev.netcode.webrtc.datachannel.DataChannelListener;
import dev.netcode.webrtc.datachannel.DataChannelParameters;
import dev.netcode.webrtc.datachannel.DataChannelState;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two Java {@link PeerConnection}s on loopback exchange DataChannel messages over real ICE, DTLS
 * and SCTP: the offerer creates a reliable ordered channel and an unordered
 * {@code maxRetransmits=0} one before the connection is up, the answerer gets both through
 * {@link PeerConnectionListener#onDataChannel} and echoes every message with its type.
 */
@Timeout(60)
class PeerConnectionDataChannelTest {
    private static final int MESSAGES = 1_000;
    private static final int WINDOW = 32; // messages in flight, keeps the send buffer bounded
    private static final int UNORDERED_MESSAGES = 100;

    private static EventLoopGroup group;

    @BeforeAll
    static void startLoops() {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stopLoops() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** A message and its type, as sent. */
    private record Message(boolean binary, byte[] bytes) {
    }

    @Test
    void offererChannelsEchoedByAnswerer() throws Exception {
        long seed = System.nanoTime();
        System.out.println("PeerConnectionDataChannelTest seed=" + seed);
        Random random = new Random(seed);
        List<Message> messages = mixedMessages(random);

        List<DataChannel> announced = new CopyOnWriteArrayList<>();
        PeerTestSupport.TrickleForwarder toAnswerer = new PeerTestSupport.TrickleForwarder();
        PeerTestSupport.TrickleForwarder toOfferer = new PeerTestSupport.TrickleForwarder();
        PeerConnection offerer = PeerConnection.create(
                PeerTestSupport.loopback(random).eventLoopGroup(group).build(), toAnswerer);
        PeerConnection answerer = PeerConnection.create(
                PeerTestSupport.loopback(random).eventLoopGroup(group).build(), toOfferer);
        answerer.addListener(new PeerConnectionListener() {
            @Override
            public void onDataChannel(DataChannel channel) {
                announced.add(channel);
                channel.setListener(new Echo());
            }
        });
        try {
            PeerTestSupport.signalTrickle(offerer, answerer);
            toAnswerer.attach(answerer);
            toOfferer.attach(offerer);

            OrderedSender reliable = new OrderedSender(messages);
            UnorderedSender lossy = new UnorderedSender();
            offerer.eventLoop().submit(() -> {
                DataChannel r = offerer.createDataChannel("reliable", DataChannelParameters.DEFAULT);
                r.setListener(reliable);
                DataChannel u = offerer.createDataChannel("lossy",
                        DataChannelParameters.builder().ordered(false).maxRetransmits(0).build());
                u.setListener(lossy);
                assertThat(r.readyState()).isEqualTo(DataChannelState.CONNECTING);
            }).get(5, TimeUnit.SECONDS);

            offerer.connected().get(20, TimeUnit.SECONDS);
            answerer.connected().get(20, TimeUnit.SECONDS);

            reliable.done.get(30, TimeUnit.SECONDS);
            assertThat(reliable.received).isEqualTo(MESSAGES);

            // Unordered, no retransmissions: on loopback every message still arrives, in any order.
            offerer.eventLoop().submit(lossy::sendAll).get(5, TimeUnit.SECONDS);
            lossy.done.get(10, TimeUnit.SECONDS);
            assertThat(lossy.received).hasSize(UNORDERED_MESSAGES);

            assertThat(announced).extracting(DataChannel::label).containsExactlyInAnyOrder("reliable", "lossy");
            DataChannel remoteLossy = announced.stream().filter(c -> c.label().equals("lossy")).findFirst().orElseThrow();
            assertThat(remoteLossy.ordered()).isFalse();
            assertThat(remoteLossy.maxRetransmits()).isEqualTo(0);
        } finally {
            offerer.close();
            answerer.close();
        }
    }

    @Test
    void createDataChannelBeforeTheAnswerIsRefused() throws Exception {
        PeerConnection offerer = PeerConnection.create(
                PeerTestSupport.loopback(new Random(1)).eventLoopGroup(group).build());
        try {
            offerer.setLocalDescription(offerer.createOffer().get(5, TimeUnit.SECONDS)).get(5, TimeUnit.SECONDS);
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> offerer.createDataChannel("early", DataChannelParameters.DEFAULT))
                    .isInstanceOf(InvalidStateException.class);
        } finally {
            offerer.close();
        }
    }

    /** Sizes 0 B..64 KiB (a few at each end of the range), alternating string and binary at random. */
    private static List<Message> mixedMessages(Random random) {
        List<Message> list = new ArrayList<>(MESSAGES);
        for (int i = 0; i < MESSAGES; i++) {
            int size;
            if (i % 100 == 0) {
                size = 0;
            } else if (i % 100 == 1) {
                size = 65_536;
            } else if (i % 10 == 0) {
                size = random.nextInt(65_537);
            } else {
                size = random.nextInt(2_048);
            }
            boolean binary = random.nextBoolean();
            byte[] bytes = new byte[size];
            if (binary) {
                random.nextBytes(bytes);
            } else {
                for (int j = 0; j < size; j++) {
                    bytes[j] = (byte) ('a' + random.nextInt(26)); // ASCII: UTF-8 size == length
                }
            }
            list.add(new Message(binary, bytes));
        }
        return list;
    }

    /** The answerer's side: every message goes back on its channel with its type. */
    private static final class Echo implements DataChannelListener {
        @Override
        public void onStringMessage(DataChannel channel, String message) {
            channel.send(message);
        }

        @Override
        public void onBinaryMessage(DataChannel channel, ByteBuffer message) {
            channel.send(message);
        }
    }

    /** Sends the messages with at most {@link #WINDOW} unanswered; checks each echo in order. */
    private static final class OrderedSender implements DataChannelListener {
        final List<Message> messages;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        volatile int received;
        int sent;

        OrderedSender(List<Message> messages) {
            this.messages = messages;
        }

        @Override
        public void onOpen(DataChannel channel) {
            pump(channel);
        }

        @Override
        public void onStringMessage(DataChannel channel, String message) {
            check(channel, false, message.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void onBinaryMessage(DataChannel channel, ByteBuffer message) {
            byte[] b = new byte[message.remaining()];
            message.get(b);
            check(channel, true, b);
        }

        @Override
        public void onError(DataChannel channel, DataChannelException error) {
            done.completeExceptionally(error);
        }

        private void check(DataChannel channel, boolean binary, byte[] bytes) {
            int i = received;
            Message expected = messages.get(i);
            if (expected.binary() != binary || !java.util.Arrays.equals(expected.bytes(), bytes)) {
                done.completeExceptionally(new AssertionError("echo " + i + " differs: sent " + (expected.binary() ? "binary" : "string")
                        + " of " + expected.bytes().length + " B, got " + (binary ? "binary" : "string") + " of " + bytes.length + " B"));
                return;
            }
            received = i + 1;
            if (received == messages.size()) {
                done.complete(null);
            } else {
                pump(channel);
            }
        }

        private void pump(DataChannel channel) {
            try {
                while (sent < messages.size() && sent - received < WINDOW) {
                    Message m = messages.get(sent++);
                    if (m.binary()) {
                        channel.send(m.bytes());
                    } else {
                        channel.send(new String(m.bytes(), StandardCharsets.US_ASCII));
                    }
                }
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        }
    }

    /** Numbered 32-byte binary messages; collects the distinct numbers echoed back intact. */
    private static final class UnorderedSender implements DataChannelListener {
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final Set<Integer> received = ConcurrentHashMap.newKeySet();
        volatile DataChannel channel;

        @Override
        public void onOpen(DataChannel c) {
            channel = c;
        }

        void sendAll() {
            DataChannel c = channel;
            assertThat(c).as("unordered channel open").isNotNull();
            for (int i = 0; i < UNORDERED_MESSAGES; i++) {
                c.send(payload(i));
            }
        }

        @Override
        public void onBinaryMessage(DataChannel c, ByteBuffer message) {
            int n = message.getInt(message.position());
            byte[] got = new byte[message.remaining()];
            message.get(got);
            if (n < 0 || n >= UNORDERED_MESSAGES || !java.util.Arrays.equals(got, payload(n))) {
                done.completeExceptionally(new AssertionError("corrupt unordered echo"));
                return;
            }
            received.add(n);
            if (received.size() == UNORDERED_MESSAGES) {
                done.complete(null);
            }
        }

        private static byte[] payload(int n) {
            ByteBuffer b = ByteBuffer.allocate(32);
            b.putInt(n);
            while (b.hasRemaining()) {
                b.put((byte) (n * 31 + b.position()));
            }
            return b.array();
        }
    }
}
