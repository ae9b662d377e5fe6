package dev.netcode.webrtc;

import static dev.netcode.webrtc.PeerConnectionImpairedDataChannelTest.loopbackUdpPort;
import static dev.netcode.webrtc.PeerConnectionImpairedDataChannelTest.withoutCandidates;
import static org.assertj.core.api.Assertions.assertThat;

import dev.netcode.webrtc.datachannel.DataChannel;
import dev.netcode.webrtc.datachannel.DataChannelListener;
import dev.netcode.webrtc.datachannel.DataChannelParameters;
import dev.netcode.webrtc.datachannel.DataChannelState;
import dev.netcode.webrtc.ice.IceConnectionState;
import dev.netcode.webrtc.impairment.ImpairmentConfig;
import dev.netcode.webrtc.impairment.UdpImpairmentRelay;
import dev.netcode.webrtc.testing.BrowserDataChannel;
import dev.netcode.webrtc.testing.BrowserPeer;
import dev.netcode.webrtc.testing.ChromiumPage;
import dev.netcode.webrtc.testing.ChromiumTest;
import dev.netcode.webrtc.testing.RtcConfiguration;
import dev.netcode.webrtc.testing.RtcSessionDescription;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue acceptance, Java↔Chromium: the Java side offers, headless Chromium answers and echoes
 * every message of a reliable ordered channel. A {@link UdpImpairmentRelay} in front of the Java
 * peer carries every datagram and then drops everything for 10 s. The Java side (the offerer)
 * restarts ICE on its own when consent has been lost for {@code consentLossRestartMs}; the test
 * relays that restart offer to Chromium and Chromium's answer back (Chromium is the side that
 * gets the restart offer). Once packets flow again, the new generation connects (Chromium gathers
 * on new ports, which the relay follows), the channel stays open on both sides and every
 * sequence-numbered message comes back exactly once, in order.
 */
@ChromiumTest(fakeMedia = true)
@Tag("slow")
@Timeout(150)
class PeerConnectionIceRestartChromiumTest {
    private static EventLoopGroup group;

    @BeforeAll
    static void startLoops() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stopLoops() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Restart signaling: Selenium must not run on the Java event loop, so the test thread does it. */
    private static void relayRestart(PeerConnection java, BrowserPeer browser, String relayCandidate) throws Exception {
        SessionDescriptionInit offer = java.createOffer().get(5, TimeUnit.SECONDS);
        java.setLocalDescription(offer).get(5, TimeUnit.SECONDS);
        browser.setRemoteDescription(RtcSessionDescription.offer(withoutCandidates(offer.sdp()) + relayCandidate));
        RtcSessionDescription answer = browser.createAnswerWithAllCandidates(Duration.ofSeconds(10));
        java.setRemoteDescription(SessionDescriptionInit.answer(withoutCandidates(answer.sdp()))).get(5, TimeUnit.SECONDS);
    }

    @Test
    void javaOffererRestartsIceAfterATenSecondOutageAndChromiumKeepsEchoing(ChromiumPage page) throws Exception {
        long seed = Long.getLong("netcode.restart.seed", 20_261_127L);
        System.out.println("PeerConnectionIceRestartChromiumTest seed=" + seed);
        Random random = new Random(seed);
        page.requestAudioPermission(); // without it Chromium offers no loopback candidate
        PeerConnection java = PeerConnection.create(PeerConnectionIceRestartTest.config(random).eventLoopGroup(group).build());
        BlockingQueue<Boolean> negotiationNeeded = new LinkedBlockingQueue<>();
        List<IceConnectionState> javaIce = new CopyOnWriteArrayList<>();
        List<PeerConnectionState> javaStates = new CopyOnWriteArrayList<>();
        java.addListener(new PeerConnectionListener() {
            @Override
            public void onNegotiationNeeded() {
                negotiationNeeded.add(Boolean.TRUE);
            }

            @Override
            public void onIceConnectionStateChange(IceConnectionState previous, IceConnectionState current) {
                javaIce.add(current);
            }

            @Override
            public void onConnectionStateChange(PeerConnectionState previous, PeerConnectionState current) {
                javaStates.add(current);
            }
        });
        UdpImpairmentRelay relay = null;
        PeerConnectionIceRestartTest.Sender sender = null;
        try {
            java.setLocalDescription(java.createOffer().get(5, TimeUnit.SECONDS)).get(5, TimeUnit.SECONDS);
            SessionDescriptionInit offer = java.localDescriptionWithAllCandidates().get(10, TimeUnit.SECONDS);
            relay = UdpImpairmentRelay.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), loopbackUdpPort(offer.sdp())),
                    ImpairmentConfig.none().withSeed(seed));
            relay.setFollowLatestClient(true); // Chromium's restarted generation sends from new ports
            // Chromium only knows the relay; the Java side learns Chromium (via the relay) from its checks.
            String relayCandidate = "a=candidate:1 1 udp 2122260223 127.0.0.1 " + relay.localAddress().getPort()
                    + " typ host generation 0\r\n";
            BrowserPeer browser = page.createPeer(RtcConfiguration.defaults());
            browser.setRemoteDescription(RtcSessionDescription.offer(withoutCandidates(offer.sdp()) + relayCandidate));
            RtcSessionDescription answer = browser.createAnswerWithAllCandidates(Duration.ofSeconds(10));
            java.setRemoteDescription(SessionDescriptionInit.answer(withoutCandidates(answer.sdp()))).get(5, TimeUnit.SECONDS);

            PeerConnectionIceRestartTest.Receiver echoes = new PeerConnectionIceRestartTest.Receiver();
            CompletableFuture<Void> opened = new CompletableFuture<>();
            DataChannel channel = java.eventLoop().submit(() -> {
                DataChannel ch = java.createDataChannel("restart", DataChannelParameters.DEFAULT);
                ch.setListener(new DataChannelListener() {
                    @Override
                    public void onOpen(DataChannel c) {
                        opened.complete(null);
                    }

                    @Override
                    public void onBinaryMessage(DataChannel c, java.nio.ByteBuffer message) {
                        echoes.onBinaryMessage(c, message);
                    }

                    @Override
                    public void onClose(DataChannel c) {
                        echoes.onClose(c);
                    }
                });
                return ch;
            }).get(5, TimeUnit.SECONDS);
            BrowserDataChannel remote = browser.awaitRemoteChannel("restart", Duration.ofSeconds(30));
            remote.echo();
            opened.get(30, TimeUnit.SECONDS);
            sender = new PeerConnectionIceRestartTest.Sender(java, channel);
            long warmUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (echoes.received.get() < 20 && System.nanoTime() < warmUp) {
                Thread.sleep(20);
            }
            assertThat(echoes.received.get()).as("echoes before the outage").isGreaterThanOrEqualTo(20);

            relay.setDropAll(true);
            AtomicInteger restarts = new AtomicInteger();
            long outageEnd = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PeerConnectionIceRestartTest.OUTAGE_MS);
            long now;
            while ((now = System.nanoTime()) < outageEnd) {
                if (negotiationNeeded.poll(outageEnd - now, TimeUnit.NANOSECONDS) != null) {
                    relayRestart(java, browser, relayCandidate);
                    restarts.incrementAndGet();
                }
            }
            relay.setDropAll(false);
            int sentDuringOutage = sender.sent.get();
            assertThat(restarts.get()).as("restarts during the outage").isPositive();

            long recoveryStart = System.nanoTime();
            long deadline = recoveryStart + TimeUnit.SECONDS.toNanos(45);
            while (System.nanoTime() < deadline && !(echoes.received.get() > sentDuringOutage
                    && java.iceConnectionState().isConnected() && echoes.error.get() == null)) {
                if (negotiationNeeded.poll(50, TimeUnit.MILLISECONDS) != null) {
                    relayRestart(java, browser, relayCandidate); // a restart raised just as the outage ended
                    restarts.incrementAndGet();
                }
            }
            long recoveryMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - recoveryStart);
            sender.stop();
            Thread.sleep(100);
            int sent = sender.sent.get();
            long drain = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (echoes.received.get() < sent && echoes.error.get() == null && System.nanoTime() < drain) {
                if (negotiationNeeded.poll(20, TimeUnit.MILLISECONDS) != null) {
                    // The relay follows Chromium's latest port; a stray packet from a port of an old
                    // generation can divert the path once more, which the next restart heals.
                    relayRestart(java, browser, relayCandidate);
                    restarts.incrementAndGet();
                }
            }
            System.out.printf("Chromium restart: %d restarts, generation %d, echoes back %d ms after the outage,"
                            + " %d/%d echoed, Chromium %s, relay %s%n", restarts.get(), java.iceGeneration(), recoveryMs,
                    echoes.received.get(), sent, browser.state(), relay.counters());

            assertThat(echoes.error.get()).isNull();
            assertThat(sender.failure.get()).isNull();
            assertThat(echoes.received.get()).isEqualTo(sent);
            assertThat(java.iceGeneration()).isPositive();
            assertThat(javaIce).contains(IceConnectionState.DISCONNECTED).doesNotContain(IceConnectionState.FAILED);
            assertThat(javaStates).doesNotContain(PeerConnectionState.FAILED, PeerConnectionState.CLOSED);
            assertThat(echoes.closes).isEmpty();
            assertThat(channel.readyState()).isEqualTo(DataChannelState.OPEN);
            assertThat(remote.readyState()).isEqualTo("open");
            assertThat(browser.connectionState()).isEqualTo("connected");
        } finally {
            if (sender != null) {
                sender.stop();
            }
            java.close();
            if (relay != null) {
                relay.close();
            }
        }
    }
}
