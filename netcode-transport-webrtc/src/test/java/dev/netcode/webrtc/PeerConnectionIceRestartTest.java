package dev.netcode.webrtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.netcode.webrtc.datachannel.DataChannel;
import dev.netcode.webrtc.datachannel.DataChannelListener;
import dev.netcode.webrtc.datachannel.DataChannelParameters;
import dev.netcode.webrtc.datachannel.DataChannelState;
import dev.netcode.webrtc.ice.IceConfig;
import dev.netcode.webrtc.ice.IceConnectionState;
import dev.netcode.webrtc.impairment.ImpairmentConfig;
import dev.netcode.webrtc.impairment.UdpImpairmentRelay;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue acceptance, Java↔Java: two {@link PeerConnection}s exchange sequence-numbered reliable
 * messages both ways through a {@link UdpImpairmentRelay}, which then drops everything for 10 s.
 * Consent is lost, the offerer restarts ICE on its own ({@code consentLossRestartMs}) and asks for
 * signaling ({@link PeerConnectionListener#onNegotiationNeeded}); the test relays that offer and
 * answer (keeping every path through the relay, as in the first negotiation). Once packets flow
 * again the new generation connects, the same DTLS session and SCTP association carry on, both
 * data channels stay open throughout, and every message arrives exactly once, in order.
 */
@Tag("slow")
@Timeout(120)
class PeerConnectionIceRestartTest {
    static final long OUTAGE_MS = 10_000;
    private static EventLoopGroup group;

    @BeforeAll
    static void startLoops() {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stopLoops() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** ICE timers for the test: consent every 500 ms, restart after 2.5 s without it, FAILED only after 30 s. */
    static PeerConnectionConfig.Builder config(Random random) {
        IceConfig ice = IceConfig.builder()
                .hostAddresses(List.of(InetAddress.getLoopbackAddress()))
                .random(new Random(random.nextLong()))
                .checkRtoMs(100)
                .nominationDelayMs(20)
                .consentIntervalMs(500)
                .disconnectedTimeoutMs(1500)
                .consentLossRestartMs(2500)
                .failedTimeoutMs(30_000)
                .checkingTimeoutMs(20_000)
                .build();
        return PeerConnectionConfig.builder().ice(ice).random(new Random(random.nextLong()));
    }

    /** Sends "seq" messages (4-byte index) every 20 ms on the channel's loop, until stopped. */
    static final class Sender {
        final DataChannel channel;
        final AtomicInteger sent = new AtomicInteger();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        ScheduledFuture<?> task;

        Sender(PeerConnection pc, DataChannel channel) {
            this.channel = channel;
            task = pc.eventLoop().scheduleAtFixedRate(() -> {
                try {
                    if (channel.readyState() == DataChannelState.OPEN) {
                        channel.send(ByteBuffer.allocate(4).putInt(0, sent.get()).array());
                        sent.incrementAndGet();
                    }
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }, 0, 20, TimeUnit.MILLISECONDS);
        }

        void stop() {
            task.cancel(false);
        }
    }

    /** Checks the sequence exactly once in order and records any close of the channel. */
    static final class Receiver implements DataChannelListener {
        final AtomicInteger received = new AtomicInteger();
        final AtomicReference<String> error = new AtomicReference<>();
        final List<String> closes = new CopyOnWriteArrayList<>();

        @Override
        public void onBinaryMessage(DataChannel channel, ByteBuffer message) {
            int index = message.remaining() == 4 ? message.getInt(message.position()) : -1;
            int expected = received.get();
            if (index != expected) {
                error.compareAndSet(null, "expected message " + expected + " but got " + index);
                return;
            }
            received.incrementAndGet();
        }

        @Override
        public void onClose(DataChannel channel) {
            closes.add(channel.label());
        }
    }

    @Test
    void automaticIceRestartAfterATenSecondOutageKeepsChannelsOpenAndLosesNoMessage() throws Exception {
        long seed = Long.getLong("netcode.restart.seed", 20_261_126L);
        System.out.println("PeerConnectionIceRestartTest seed=" + seed);
        Random random = new Random(seed);
        PeerConnection offerer = PeerConnection.create(config(random).eventLoopGroup(group).build());
        PeerConnection answerer = PeerConnection.create(config(random).eventLoopGroup(group).build());
        PeerTestSupport.StateRecorder offererStates = new PeerTestSupport.StateRecorder();
        PeerTestSupport.StateRecorder answererStates = new PeerTestSupport.StateRecorder();
        offerer.addListener(offererStates);
        answerer.addListener(answererStates);
        List<IceConnectionState> offererIce = new CopyOnWriteArrayList<>();
        Receiver atAnswerer = new Receiver();
        Receiver atOfferer = new Receiver();
        CompletableFuture<DataChannel> announced = new CompletableFuture<>();
        answerer.addListener(new PeerConnectionListener() {
            @Override
            public void onDataChannel(DataChannel channel) {
                channel.setListener(atAnswerer);
                announced.complete(channel);
            }
        });
        UdpImpairmentRelay relay = null;
        Sender fromOfferer = null;
        Sender fromAnswerer = null;
        try {
            offerer.setLocalDescription(offerer.createOffer().get(5, TimeUnit.SECONDS)).get(5, TimeUnit.SECONDS);
            SessionDescriptionInit offer = offerer.localDescriptionWithAllCandidates().get(10, TimeUnit.SECONDS);
            answerer.setRemoteDescription(SessionDescriptionInit.offer(
                    PeerConnectionImpairedDataChannelTest.withoutCandidates(offer.sdp()))).get(5, TimeUnit.SECONDS);
            answerer.setLocalDescription(answerer.createAnswer().get(5, TimeUnit.SECONDS)).get(5, TimeUnit.SECONDS);
            SessionDescriptionInit answer = answerer.localDescriptionWithAllCandidates().get(10, TimeUnit.SECONDS);
            relay = UdpImpairmentRelay.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                    new InetSocketAddress(InetAddress.getLoopbackAddress(),
                            PeerConnectionImpairedDataChannelTest.loopbackUdpPort(answer.sdp())),
                    ImpairmentConfig.none().withSeed(seed));
            String relayCandidate = "a=candidate:1 1 udp 2122260223 127.0.0.1 " + relay.localAddress().getPort()
                    + " typ host generation 0\r\n";
            offerer.setRemoteDescription(SessionDescriptionInit.answer(
                    PeerConnectionImpairedDataChannelTest.withoutCandidates(answer.sdp()) + relayCandidate))
                    .get(5, TimeUnit.SECONDS);

            // The application's part of a restart: relay the new offer and answer (through the relay again).
            AtomicInteger restarts = new AtomicInteger();
            AtomicReference<Throwable> signalingError = new AtomicReference<>();
            offerer.addListener(new PeerConnectionListener() {
                @Override
                public void onNegotiationNeeded() {
                    restarts.incrementAndGet();
                    offerer.createOffer()
                            .thenCompose(o -> offerer.setLocalDescription(o).thenApply(v -> o))
                            .thenCompose(o -> answerer.setRemoteDescription(SessionDescriptionInit.offer(
                                    PeerConnectionImpairedDataChannelTest.withoutCandidates(o.sdp()))))
                            .thenCompose(v -> answerer.createAnswer())
                            .thenCompose(a -> answerer.setLocalDescription(a).thenApply(v -> a))
                            .thenCompose(a -> offerer.setRemoteDescription(SessionDescriptionInit.answer(
                                    PeerConnectionImpairedDataChannelTest.withoutCandidates(a.sdp()) + relayCandidate)))
                            .whenComplete((v, e) -> {
                                if (e != null) {
                                    signalingError.compareAndSet(null, e);
                                }
                            });
                }

                @Override
                public void onIceConnectionStateChange(IceConnectionState previous, IceConnectionState current) {
                    offererIce.add(current);
                }
            });

            DataChannel channel = offerer.eventLoop().submit(() -> {
                DataChannel ch = offerer.createDataChannel("restart", DataChannelParameters.DEFAULT);
                ch.setListener(atOfferer);
                return ch;
            }).get(5, TimeUnit.SECONDS);
            offerer.connected().get(30, TimeUnit.SECONDS);
            DataChannel remoteChannel = announced.get(30, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() -> channel.readyState() == DataChannelState.OPEN);
            fromOfferer = new Sender(offerer, channel);
            fromAnswerer = new Sender(answerer, remoteChannel);
            await().atMost(Duration.ofSeconds(10)).until(() -> atAnswerer.received.get() > 20 && atOfferer.received.get() > 20);

            relay.setDropAll(true);
            long outageStart = System.nanoTime();
            Thread.sleep(OUTAGE_MS);
            relay.setDropAll(false);
            long outageMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - outageStart);
            int sentDuringOutage = fromOfferer.sent.get();
            assertThat(restarts.get()).as("restart requested during the outage").isPositive();

            long recoveryStart = System.nanoTime();
            await().atMost(Duration.ofSeconds(40)).until(() -> offerer.iceGeneration() >= 1 && answerer.iceGeneration() >= 1
                    && offerer.iceConnectionState().isConnected() && answerer.iceConnectionState().isConnected()
                    && atAnswerer.received.get() > sentDuringOutage);
            long recoveryMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - recoveryStart);
            fromOfferer.stop();
            fromAnswerer.stop();
            Thread.sleep(100); // a send already running on the loop finishes
            int sentByOfferer = fromOfferer.sent.get();
            int sentByAnswerer = fromAnswerer.sent.get();
            await().atMost(Duration.ofSeconds(30)).until(() -> atAnswerer.received.get() == sentByOfferer
                    && atOfferer.received.get() == sentByAnswerer || atAnswerer.error.get() != null || atOfferer.error.get() != null);
            System.out.printf("outage %d ms, restarts requested %d, generations %d/%d, recovery %d ms after the outage,"
                            + " messages %d + %d, relay %s%n", outageMs, restarts.get(), offerer.iceGeneration(),
                    answerer.iceGeneration(), recoveryMs, sentByOfferer, sentByAnswerer, relay.counters());

            assertThat(signalingError.get()).isNull();
            assertThat(fromOfferer.failure.get()).isNull();
            assertThat(fromAnswerer.failure.get()).isNull();
            assertThat(atAnswerer.error.get()).isNull();
            assertThat(atOfferer.error.get()).isNull();
            assertThat(atAnswerer.received.get()).isEqualTo(sentByOfferer);
            assertThat(atOfferer.received.get()).isEqualTo(sentByAnswerer);
            assertThat(offererIce).contains(IceConnectionState.DISCONNECTED).doesNotContain(IceConnectionState.FAILED);
            assertThat(atAnswerer.closes).isEmpty();
            assertThat(atOfferer.closes).isEmpty();
            assertThat(channel.readyState()).isEqualTo(DataChannelState.OPEN);
            assertThat(remoteChannel.readyState()).isEqualTo(DataChannelState.OPEN);
            assertThat(offererStates.states).doesNotContain(PeerConnectionState.FAILED, PeerConnectionState.CLOSED);
            assertThat(answererStates.states).doesNotContain(PeerConnectionState.FAILED, PeerConnectionState.CLOSED);
            assertThat(offerer.connectionState()).isEqualTo(PeerConnectionState.CONNECTED);
        } finally {
            if (fromOfferer != null) {
                fromOfferer.stop();
            }
            if (fromAnswerer != null) {
                fromAnswerer.stop();
            }
            offerer.close();
            answerer.close();
            if (relay != null) {
                relay.close();
            }
        }
    }
}
