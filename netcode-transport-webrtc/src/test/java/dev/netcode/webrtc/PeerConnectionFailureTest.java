package dev.netcode.webrtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netcode.webrtc.dtls.DtlsException;
import dev.netcode.webrtc.dtls.DtlsFingerprintMismatchException;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What must not connect does not, with typed errors and the W3C states; hostile datagrams change nothing. */
@Timeout(60)
class PeerConnectionFailureTest {
    private static EventLoopGroup group;

    @BeforeAll
    static void startLoops() {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stopLoops() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static Random seeded(String name) {
        long seed = System.nanoTime();
        System.out.println(name + " seed=" + seed);
        return new Random(seed);
    }

    @Test
    void tamperedFingerprintFailsWithTypedErrorWithinFiveSeconds() throws Exception {
        Random random = seeded("tamperedFingerprint");
        PeerTestSupport.StateRecorder offererStates = new PeerTestSupport.StateRecorder();
        PeerConnection offerer = PeerConnection.create(PeerTestSupport.loopback(random).eventLoopGroup(group).build(), offererStates);
        PeerConnection answerer = PeerConnection.create(PeerTestSupport.loopback(random).eventLoopGroup(group).build());
        try {
            offerer.setLocalDescription(offerer.createOffer().get()).get();
            answerer.setRemoteDescription(offerer.localDescriptionWithAllCandidates().get(10, TimeUnit.SECONDS)).get();
            answerer.setLocalDescription(answerer.createAnswer().get()).get();
            String answer = answerer.localDescriptionWithAllCandidates().get(10, TimeUnit.SECONDS).sdp();
            String tampered = tamperFingerprint(answer);
            assertThat(tampered).isNotEqualTo(answer);
            long startNs = System.nanoTime();
            offerer.setRemoteDescription(SessionDescriptionInit.answer(tampered)).get();

            assertThatThrownBy(() -> offerer.connected().get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(DtlsFingerprintMismatchException.class);
            long elapsedMs = (System.nanoTime() - startNs) / 1_000_000;
            System.out.println("fingerprint mismatch detected after " + elapsedMs + " ms");
            assertThat(offerer.connectionState()).isEqualTo(PeerConnectionState.FAILED);
            assertThat(offerer.failureCause()).isInstanceOf(DtlsFingerprintMismatchException.class);
            assertThat(offererStates.states).doesNotContain(PeerConnectionState.CONNECTED).endsWith(PeerConnectionState.FAILED);
            // The other side receives bad_certificate and fails too.
            assertThatThrownBy(() -> answerer.connected().get(10, TimeUnit.SECONDS))
                    .cause().isInstanceOf(DtlsException.class);
        } finally {
            offerer.close();
            answerer.close();
        }
    }

    @Test
    void wrongIcePasswordNeverConnectsAndEndsFailed() throws Exception {
        Random random = seeded("wrongIcePassword");
        PeerTestSupport.StateRecorder offererStates = new PeerTestSupport.StateRecorder();
        PeerTestSupport.StateRecorder answererStates = new PeerTestSupport.StateRecorder();
        PeerConnection offerer = PeerConnection.create(PeerTestSupport.loopback(random).eventLoopGroup(group)
                .iceCheckingTimeoutMs(3000).build(), offererStates);
        PeerConnection answerer = PeerConnection.create(PeerTestSupport.loopback(random).eventLoopGroup(group)
                .iceCheckingTimeoutMs(3000).build(), answererStates);
        try {
            offerer.setLocalDescription(offerer.createOffer().get()).get();
            answerer.setRemoteDescription(offerer.localDescriptionWithAllCandidates().get(10, TimeUnit.SECONDS)).get();
            answerer.setLocalDescription(answerer.createAnswer().get()).get();
            String answer = answerer.localDescriptionWithAllCandidates().get(10, TimeUnit.SECONDS).sdp();
            String wrongPassword = answer.replaceFirst("a=ice-pwd:\\S+", "a=ice-pwd:" + "x".repeat(24));
            assertThat(wrongPassword).isNotEqualTo(answer);
            offerer.setRemoteDescription(SessionDescriptionInit.answer(wrongPassword)).get();

            assertThatThrownBy(() -> offerer.connected().get(20, TimeUnit.SECONDS))
                    .cause().isInstanceOf(PeerConnectionFailedException.class);
            assertThat(offerer.connectionState()).isEqualTo(PeerConnectionState.FAILED);
            assertThat(offererStates.states).doesNotContain(PeerConnectionState.CONNECTED);
            // The answerer's own checks succeed, but the controlling offerer never nominates: it fails too.
            assertThatThrownBy(() -> answerer.connected().get(20, TimeUnit.SECONDS))
                    .cause().isInstanceOf(PeerConnectionFailedException.class);
            assertThat(answererStates.states).doesNotContain(PeerConnectionState.CONNECTED);
        } finally {
            offerer.close();
            answerer.close();
        }
    }

    @Test
    void silentPeerDrivesDisconnectedThenFailedWithinConfiguredTimes() throws Exception {
        Random random = seeded("silentPeer");
        int disconnectedMs = 1500;
        int failedMs = 4000;
        EventLoopGroup silentGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        PeerTestSupport.StateRecorder states = new PeerTestSupport.StateRecorder();
        PeerConnection watcher = PeerConnection.create(PeerTestSupport.loopback(random).eventLoopGroup(group)
                .consentIntervalMs(300).disconnectedTimeoutMs(disconnectedMs).failedTimeoutMs(failedMs).build(), states);
        PeerConnection silent = PeerConnection.create(PeerTestSupport.loopback(random).eventLoopGroup(silentGroup).build());
        try {
            PeerTestSupport.signalComplete(watcher, silent);
            watcher.connected().get(20, TimeUnit.SECONDS);
            silent.connected().get(20, TimeUnit.SECONDS);
            // The peer vanishes without a word: its loop and sockets die, no close_notify is sent.
            long silenceNs = System.nanoTime();
            silentGroup.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();

            PeerConnectionLoopbackTest.await(() -> watcher.connectionState() == PeerConnectionState.FAILED);
            long disconnectedAfterMs = (states.timeOf(PeerConnectionState.DISCONNECTED) - silenceNs) / 1_000_000;
            long failedAfterMs = (states.timeOf(PeerConnectionState.FAILED) - silenceNs) / 1_000_000;
            System.out.println("silent peer: DISCONNECTED after " + disconnectedAfterMs + " ms, FAILED after "
                    + failedAfterMs + " ms; states " + states.states);
            assertThat(states.states).containsSubsequence(PeerConnectionState.CONNECTED,
                    PeerConnectionState.DISCONNECTED, PeerConnectionState.FAILED);
            // Not before the configured silence (less one consent interval of jitter), not much after
            // (generous slack for a loaded machine).
            assertThat(disconnectedAfterMs).isBetween((long) disconnectedMs - 600, (long) disconnectedMs + 3000);
            assertThat(failedAfterMs).isBetween((long) failedMs - 600, (long) failedMs + 4000);
            assertThat(watcher.failureCause()).isInstanceOf(PeerConnectionFailedException.class);
        } finally {
            watcher.close();
            silent.close();
            silentGroup.shutdownGracefully(0, 0, TimeUnit.SECONDS);
        }
    }

    @Test
    void garbageDatagramsOnThePortChangeNothing() throws Exception {
        Random random = seeded("garbage");
        PeerTestSupport.StateRecorder states = new PeerTestSupport.StateRecorder();
        PeerConnection target = PeerConnection.create(PeerTestSupport.loopback(random).eventLoopGroup(group).build(), states);
        PeerConnection peer = PeerConnection.create(PeerTestSupport.loopback(random).eventLoopGroup(group).build());
        try {
            PeerTestSupport.signalComplete(peer, target);
            target.connected().get(20, TimeUnit.SECONDS);
            peer.connected().get(20, TimeUnit.SECONDS);
            InetSocketAddress port = target.localAddress();
            List<PeerConnectionState> before = List.copyOf(states.states);
            try (DatagramSocket attacker = new DatagramSocket(0, port.getAddress())) {
                for (int i = 0; i < 3000; i++) {
                    byte[] junk = new byte[1 + random.nextInt(1400)];
                    random.nextBytes(junk);
                    switch (i % 4) {
                        case 0 -> junk[0] = (byte) (20 + random.nextInt(44)); // looks like DTLS
                        case 1 -> {
                            junk[0] = 0; // looks like STUN: magic cookie and a plausible length
                            if (junk.length >= 20) {
                                junk[4] = 0x21; junk[5] = 0x12; junk[6] = (byte) 0xA4; junk[7] = 0x42;
                            }
                        }
                        default -> { }
                    }
                    attacker.send(new DatagramPacket(junk, junk.length, port));
                }
            }
            Thread.sleep(1000);
            assertThat(target.connectionState()).isEqualTo(PeerConnectionState.CONNECTED);
            assertThat(states.states).isEqualTo(before);
            // And the session still carries data both ways.
            PeerConnectionLoopbackTest.exchangeApplicationData(peer, target);
            PeerConnectionLoopbackTest.exchangeApplicationData(target, peer);
        } finally {
            target.close();
            peer.close();
        }
    }

    @Test
    void badDescriptionsAndOrderGiveTypedErrors() throws Exception {
        Random random = seeded("badDescriptions");
        PeerConnection pc = PeerConnection.create(PeerTestSupport.loopback(random).eventLoopGroup(group).build());
        try {
            assertThatThrownBy(() -> pc.setRemoteDescription(SessionDescriptionInit.offer("v=0\r\nnonsense\r\n")).get())
                    .cause().isInstanceOf(InvalidDescriptionException.class)
                    .hasCauseInstanceOf(dev.netcode.webrtc.sdp.SdpParseException.class);
            String audioOnly = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
                    + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\n";
            assertThatThrownBy(() -> pc.setRemoteDescription(SessionDescriptionInit.offer(audioOnly)).get())
                    .cause().isInstanceOf(InvalidDescriptionException.class)
                    .hasCauseInstanceOf(dev.netcode.webrtc.sdp.SdpNegotiationException.class);
            assertThatThrownBy(() -> pc.addIceCandidate(IceCandidateInit.of("candidate:1 1 udp 1 127.0.0.1 9 typ host", "0")).get())
                    .cause().isInstanceOf(InvalidStateException.class);
            assertThatThrownBy(() -> pc.createAnswer().get()).cause().isInstanceOf(InvalidStateException.class);
            assertThat(pc.connectionState()).isEqualTo(PeerConnectionState.NEW);
            pc.close();
            assertThatThrownBy(() -> pc.createOffer().get()).cause().isInstanceOf(InvalidStateException.class);
        } finally {
            pc.close();
        }
    }

    /** Flips one hex digit of the sha-256 fingerprint: the certificate no longer matches. */
    static String tamperFingerprint(String sdp) {
        int at = sdp.indexOf("a=fingerprint:sha-256 ") + "a=fingerprint:sha-256 ".length();
        char c = sdp.charAt(at);
        char flipped = c == 'A' ? 'B' : 'A';
        return sdp.substring(0, at) + flipped + sdp.substring(at + 1);
    }
}
