package dev.netcode.webrtc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netcode.webrtc.dtls.DtlsRole;
import dev.netcode.webrtc.dtls.DtlsState;
import dev.netcode.webrtc.ice.IceRole;
import dev.netcode.webrtc.ice.IceUdpMux;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two Java peers on loopback reach CONNECTED (ICE and DTLS, fingerprints verified): full↔full with
 * either side offering, a lite host on a single-port mux as answerer and as offerer, each with
 * trickle and with complete (non-trickle) descriptions.
 */
@Timeout(60)
class PeerConnectionLoopbackTest {
    enum Topology { FULL_TO_FULL, FULL_OFFERS_LITE_MUX_ANSWERS, LITE_MUX_OFFERS_FULL_ANSWERS }

    enum Signaling { TRICKLE, COMPLETE }

    private static EventLoopGroup group;

    @BeforeAll
    static void startLoops() {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stopLoops() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @ParameterizedTest(name = "{0} {1}")
    @EnumSource(Topology.class)
    void trickle(Topology topology) throws Exception {
        connect(topology, Signaling.TRICKLE);
    }

    @ParameterizedTest(name = "{0} {1}")
    @EnumSource(Topology.class)
    void complete(Topology topology) throws Exception {
        connect(topology, Signaling.COMPLETE);
    }

    private void connect(Topology topology, Signaling signaling) throws Exception {
        long seed = System.nanoTime();
        System.out.println(topology + " " + signaling + " seed=" + seed);
        Random random = new Random(seed);
        IceUdpMux mux = topology == Topology.FULL_TO_FULL ? null
                : IceUdpMux.bind(group, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        PeerConnectionConfig full = PeerTestSupport.loopback(random).eventLoopGroup(group).build();
        PeerConnectionConfig other = mux == null ? PeerTestSupport.loopback(random).eventLoopGroup(group).build()
                : PeerTestSupport.loopback(random).udpMux(mux).build();
        PeerConnectionConfig offererConfig = topology == Topology.LITE_MUX_OFFERS_FULL_ANSWERS ? other : full;
        PeerConnectionConfig answererConfig = topology == Topology.LITE_MUX_OFFERS_FULL_ANSWERS ? full : other;

        PeerTestSupport.TrickleForwarder toAnswerer = new PeerTestSupport.TrickleForwarder();
        PeerTestSupport.TrickleForwarder toOfferer = new PeerTestSupport.TrickleForwarder();
        PeerTestSupport.StateRecorder offererStates = new PeerTestSupport.StateRecorder();
        PeerTestSupport.StateRecorder answererStates = new PeerTestSupport.StateRecorder();
        PeerConnection offerer = PeerConnection.create(offererConfig, offererStates);
        PeerConnection answerer = PeerConnection.create(answererConfig, answererStates);
        try {
            if (signaling == Signaling.TRICKLE) {
                offerer.addListener(toAnswerer);
                answerer.addListener(toOfferer);
                SessionDescriptionInit offer = offerer.createOffer().get(5, TimeUnit.SECONDS);
                assertThat(offer.sdp()).contains("a=setup:actpass", "a=ice-options:trickle")
                        .doesNotContain("a=candidate");
                offerer.setLocalDescription(offer).get(5, TimeUnit.SECONDS);
                answerer.setRemoteDescription(offer).get(5, TimeUnit.SECONDS);
                toAnswerer.attach(answerer);
                SessionDescriptionInit answer = answerer.createAnswer().get(5, TimeUnit.SECONDS);
                answerer.setLocalDescription(answer).get(5, TimeUnit.SECONDS);
                offerer.setRemoteDescription(answer).get(5, TimeUnit.SECONDS);
                toOfferer.attach(offerer);
            } else {
                PeerTestSupport.signalComplete(offerer, answerer);
                assertThat(offerer.localDescriptionWithAllCandidates().join().sdp())
                        .contains("a=candidate:", "a=end-of-candidates");
                assertThat(answerer.localDescriptionWithAllCandidates().join().sdp())
                        .contains("a=candidate:", "a=end-of-candidates", "a=setup:active");
            }
            offerer.connected().get(20, TimeUnit.SECONDS);
            answerer.connected().get(20, TimeUnit.SECONDS);

            assertThat(offerer.connectionState()).isEqualTo(PeerConnectionState.CONNECTED);
            assertThat(answerer.connectionState()).isEqualTo(PeerConnectionState.CONNECTED);
            assertThat(offerer.remoteFingerprintVerified()).isTrue();
            assertThat(answerer.remoteFingerprintVerified()).isTrue();
            // The answer says a=setup:active: answerer is the DTLS client.
            assertThat(answerer.dtlsRole()).isEqualTo(DtlsRole.CLIENT);
            assertThat(offerer.dtlsRole()).isEqualTo(DtlsRole.SERVER);
            assertThat(offerer.dtlsState()).isEqualTo(DtlsState.CONNECTED);
            // ICE roles: offerer controls, except that a lite agent is always controlled.
            IceRole expectedOffererRole = topology == Topology.LITE_MUX_OFFERS_FULL_ANSWERS ? IceRole.CONTROLLED : IceRole.CONTROLLING;
            assertThat(offerer.iceRole()).isEqualTo(expectedOffererRole);
            assertThat(answerer.iceRole()).isNotEqualTo(expectedOffererRole);
            assertThat(offererStates.states).startsWith(PeerConnectionState.CONNECTING).contains(PeerConnectionState.CONNECTED);
            assertThat(answererStates.states).startsWith(PeerConnectionState.CONNECTING).contains(PeerConnectionState.CONNECTED);
            if (signaling == Signaling.TRICKLE) {
                assertThat(offererStates.candidates).last().matches(IceCandidateInit::isEndOfCandidates);
                assertThat(offererStates.candidates).first().matches(c -> c.candidate().startsWith("candidate:"));
            }
            // The SCTP hook: a record each way through DTLS.
            exchangeApplicationData(offerer, answerer);
            exchangeApplicationData(answerer, offerer);
        } finally {
            offerer.close();
            answerer.close();
            if (mux != null) {
                mux.close();
            }
        }
        await(() -> offerer.connectionState() == PeerConnectionState.CLOSED);
        assertThat(offererStates.states).last().isEqualTo(PeerConnectionState.CLOSED);
    }

    @org.junit.jupiter.api.Test
    void answeringAnActiveOfferMakesTheAnswererPassive() throws Exception {
        long seed = System.nanoTime();
        System.out.println("activeOffer seed=" + seed);
        Random random = new Random(seed);
        PeerConnection offerer = PeerConnection.create(PeerTestSupport.loopback(random).eventLoopGroup(group).build());
        PeerConnection answerer = PeerConnection.create(PeerTestSupport.loopback(random).eventLoopGroup(group).build());
        try {
            offerer.setLocalDescription(offerer.createOffer().get(5, TimeUnit.SECONDS)).get(5, TimeUnit.SECONDS);
            String offer = offerer.localDescriptionWithAllCandidates().get(10, TimeUnit.SECONDS).sdp();
            // A peer that insists on being the DTLS client offers a=setup:active (RFC 8842 allows it).
            answerer.setRemoteDescription(SessionDescriptionInit.offer(offer.replace("a=setup:actpass", "a=setup:active")))
                    .get(5, TimeUnit.SECONDS);
            answerer.setLocalDescription(answerer.createAnswer().get(5, TimeUnit.SECONDS)).get(5, TimeUnit.SECONDS);
            SessionDescriptionInit answer = answerer.localDescriptionWithAllCandidates().get(10, TimeUnit.SECONDS);
            assertThat(answer.sdp()).contains("a=setup:passive");
            offerer.setRemoteDescription(answer).get(5, TimeUnit.SECONDS);
            offerer.connected().get(20, TimeUnit.SECONDS);
            answerer.connected().get(20, TimeUnit.SECONDS);
            assertThat(answerer.dtlsRole()).isEqualTo(DtlsRole.SERVER);
            assertThat(offerer.dtlsRole()).isEqualTo(DtlsRole.CLIENT);
        } finally {
            offerer.close();
            answerer.close();
        }
    }

    static void exchangeApplicationData(PeerConnection from, PeerConnection to) throws Exception {
        LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        String text = "hello from " + from;
        // The built-in SCTP association also sends records (INIT and its retransmissions): skip them.
        to.setApplicationDataListener(record -> {
            String s = StandardCharsets.UTF_8.decode(record).toString();
            if (s.equals(text)) {
                received.add(s);
            }
        });
        // DTLS may drop records of the new epoch that race the final flight: retry a few times.
        String got = null;
        for (int attempt = 0; attempt < 20 && got == null; attempt++) {
            from.eventLoop().submit(() -> from.sendApplicationData(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8))))
                    .get(5, TimeUnit.SECONDS);
            got = received.poll(250, TimeUnit.MILLISECONDS);
        }
        assertThat(got).isEqualTo(text);
    }

    static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(20);
        }
    }
}
