package dev.netcode.webrtc.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netcode.webrtc.PeerConnection;
import dev.netcode.webrtc.PeerConnectionConfig;
import dev.netcode.webrtc.PeerConnectionListener;
import dev.netcode.webrtc.PeerConnectionState;
import dev.netcode.webrtc.SessionDescriptionInit;
import dev.netcode.webrtc.datachannel.DataChannel;
import dev.netcode.webrtc.ice.IceCandidateType;
import dev.netcode.webrtc.ice.IceConfig;
import dev.netcode.webrtc.ice.IceTransportPolicy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two Java PeerConnections with {@code iceTransportPolicy=relay} reach each other only through a
 * real coturn (UDP or TCP to the server) and echo 1,000 DataChannel messages intact; and a TURN
 * server that is down costs only its relay candidate; a TURN server stopped mid-connection does not
 * break a connection that has a direct path.
 */
@Timeout(120)
class TurnRelayPeerConnectionTest extends CoturnFixture {
    private static final int MESSAGES = 1_000;
    private static final int WINDOW = 16;

    private static PeerConnectionConfig.Builder config(Random random, List<TurnServer> turn, IceTransportPolicy policy) {
        IceConfig ice = IceConfig.builder()
                .hostAddresses(List.of(InetAddress.getLoopbackAddress()))
                .random(new Random(random.nextLong()))
                .checkRtoMs(100)
                .nominationDelayMs(20)
                .consentIntervalMs(500)
                .disconnectedTimeoutMs(3000)
                .failedTimeoutMs(10_000)
                .checkingTimeoutMs(30_000)
                .turnServers(turn)
                .transportPolicy(policy)
                .turnClientConfig(TurnClientConfig.defaults().withRetransmission(100, 4, 4).withTcpTimeoutMs(2000))
                .relayGatherTimeoutMs(3000)
                .build();
        return PeerConnectionConfig.builder().ice(ice).random(new Random(random.nextLong())).eventLoopGroup(group);
    }

    /** Non-trickle: each description waits for gathering (and so for the TURN allocations). */
    /** Returns the offer and the answer, each with every candidate. */
    private static SessionDescriptionInit[] signal(PeerConnection offerer, PeerConnection answerer) throws Exception {
        offerer.setLocalDescription(offerer.createOffer().get(5, TimeUnit.SECONDS)).get(5, TimeUnit.SECONDS);
        SessionDescriptionInit offer = offerer.localDescriptionWithAllCandidates().get(20, TimeUnit.SECONDS);
        answerer.setRemoteDescription(offer).get(5, TimeUnit.SECONDS);
        answerer.setLocalDescription(answerer.createAnswer().get(5, TimeUnit.SECONDS)).get(5, TimeUnit.SECONDS);
        SessionDescriptionInit answer = answerer.localDescriptionWithAllCandidates().get(20, TimeUnit.SECONDS);
        offerer.setRemoteDescription(answer).get(5, TimeUnit.SECONDS);
        return new SessionDescriptionInit[] {offer, answer};
    }

    private static List<String> candidateLines(SessionDescriptionInit d) {
        return CoturnFixture.candidateLines(d.sdp());
    }

    @ParameterizedTest
    @EnumSource(TurnTransport.class)
    void relayOnlyPeersEchoAThousandMessagesThroughCoturn(TurnTransport transport) throws Exception {
        long seed = System.nanoTime();
        System.out.println("TurnRelayPeerConnectionTest " + transport + " seed=" + seed);
        Random random = new Random(seed);
        PeerConnection offerer = PeerConnection.create(
                config(random, List.of(coturn.server(transport, "offerer")), IceTransportPolicy.RELAY).build());
        PeerConnection answerer = PeerConnection.create(
                config(random, List.of(coturn.server(transport, "answerer")), IceTransportPolicy.RELAY).build());
        echoEveryChannel(answerer);
        try {
            SessionDescriptionInit[] descriptions = signal(offerer, answerer);
            List<String> offered = candidateLines(descriptions[0]);
            assertThat(offered).isNotEmpty().allSatisfy(l -> assertThat(l).contains(" typ relay ").contains(" raddr 0.0.0.0 "));
            assertThat(candidateLines(descriptions[1])).isNotEmpty()
                    .allSatisfy(l -> assertThat(l).contains(" typ relay "));

            RelayEcho checker = openEcho(offerer, "relay", random, MESSAGES, WINDOW);
            offerer.connected().get(30, TimeUnit.SECONDS);
            answerer.connected().get(30, TimeUnit.SECONDS);
            checker.done.get(60, TimeUnit.SECONDS);
            assertThat(checker.received).isEqualTo(MESSAGES);

            // Both ends of the selected pair are coturn relay ports, not the peers' own sockets.
            InetSocketAddress local = offerer.localAddress();
            InetSocketAddress remote = offerer.remoteAddress();
            assertThat(local.getPort()).isBetween(49152, 65535);
            assertThat(remote.getPort()).isBetween(49152, 65535);
            assertThat(offerer.selectedRemoteCandidate().type()).isEqualTo(IceCandidateType.RELAYED);
        } finally {
            offerer.close();
            answerer.close();
        }
    }

    /** UDP: a port where nothing answers (retransmissions until relayGatherTimeoutMs); TCP: connection refused. */
    @ParameterizedTest
    @EnumSource(TurnTransport.class)
    void aTurnServerThatIsDownDoesNotStopIce(TurnTransport transport) throws Exception {
        long seed = System.nanoTime();
        System.out.println("TurnRelayPeerConnectionTest down " + transport + " seed=" + seed);
        Random random = new Random(seed);
        int deadPort;
        if (transport == TurnTransport.UDP) {
            try (java.net.DatagramSocket s = new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                deadPort = s.getLocalPort(); // closed again: nothing answers there
            }
        } else {
            try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                deadPort = s.getLocalPort(); // closed again: connections are refused
            }
        }
        TurnServer dead = new TurnServer(new InetSocketAddress("127.0.0.1", deadPort), transport,
                TurnCredentials.of("nobody", "nothing"));
        PeerConnection offerer = PeerConnection.create(config(random, List.of(dead), IceTransportPolicy.ALL).build());
        PeerConnection answerer = PeerConnection.create(config(random, List.of(dead), IceTransportPolicy.ALL).build());
        try {
            long start = System.nanoTime();
            SessionDescriptionInit[] descriptions = signal(offerer, answerer);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("gathering waited for the dead server")
                    .isLessThan(15_000);
            assertThat(candidateLines(descriptions[0])).isNotEmpty()
                    .allSatisfy(l -> assertThat(l).doesNotContain(" typ relay "));
            offerer.connected().get(30, TimeUnit.SECONDS);
            answerer.connected().get(30, TimeUnit.SECONDS);
            // Host or peer-reflexive (whichever check arrived first), never a relay.
            assertThat(offerer.selectedRemoteCandidate().type()).isNotEqualTo(IceCandidateType.RELAYED);
        } finally {
            offerer.close();
            answerer.close();
        }
    }

    /**
     * Both peers gather a relay candidate but connect directly (host pairs outrank relay pairs);
     * then coturn is stopped. Over TCP the allocations are lost at once (the connection closes),
     * over UDP the relay just stops answering. Either way the direct path carries on: the
     * connection never leaves CONNECTED and another 200 messages echo intact.
     */
    @ParameterizedTest
    @EnumSource(TurnTransport.class)
    void aStoppedTurnServerDoesNotBreakADirectConnection(TurnTransport transport) throws Exception {
        long seed = System.nanoTime();
        System.out.println("TurnRelayPeerConnectionTest stopped " + transport + " seed=" + seed);
        Random random = new Random(seed);
        CoturnProcess doomed = CoturnProcess.start();
        PeerConnection offerer = PeerConnection.create(
                config(random, List.of(doomed.server(transport, "direct-a")), IceTransportPolicy.ALL).build());
        PeerConnection answerer = PeerConnection.create(
                config(random, List.of(doomed.server(transport, "direct-b")), IceTransportPolicy.ALL).build());
        List<PeerConnectionState> states = new CopyOnWriteArrayList<>();
        for (PeerConnection pc : List.of(offerer, answerer)) {
            pc.addListener(new PeerConnectionListener() {
                @Override
                public void onConnectionStateChange(PeerConnectionState previous,
                                                    PeerConnectionState current) {
                    states.add(current);
                }
            });
        }
        echoEveryChannel(answerer);
        try {
            SessionDescriptionInit[] descriptions = signal(offerer, answerer);
            assertThat(candidateLines(descriptions[0])).anySatisfy(l -> assertThat(l).contains(" typ relay "));
            assertThat(candidateLines(descriptions[1])).anySatisfy(l -> assertThat(l).contains(" typ relay "));
            RelayEcho before = openEcho(offerer, "before", random, 100, WINDOW);
            offerer.connected().get(30, TimeUnit.SECONDS);
            answerer.connected().get(30, TimeUnit.SECONDS);
            before.done.get(30, TimeUnit.SECONDS);
            assertThat(offerer.selectedRemoteCandidate().type()).as("a direct path")
                    .isNotEqualTo(IceCandidateType.RELAYED);
            InetSocketAddress local = offerer.localAddress();
            InetSocketAddress remote = offerer.remoteAddress();

            doomed.close();
            assertThat(doomed.isAlive()).isFalse();
            // Longer than the consent interval (500 ms) and the TCP loss notice; well under disconnectedTimeoutMs.
            Thread.sleep(2_000);

            RelayEcho after = openEcho(offerer, "after", random, 200, WINDOW);
            after.done.get(30, TimeUnit.SECONDS);
            assertThat(after.received).isEqualTo(200);
            // Consent keeps running over the direct pair: another few intervals without a state change.
            Thread.sleep(4_000);
            assertThat(offerer.connectionState()).isEqualTo(PeerConnectionState.CONNECTED);
            assertThat(answerer.connectionState()).isEqualTo(PeerConnectionState.CONNECTED);
            assertThat(states).as("state changes of both peers").containsOnly(
                    PeerConnectionState.CONNECTING, PeerConnectionState.CONNECTED);
            assertThat(offerer.localAddress()).isEqualTo(local);
            assertThat(offerer.remoteAddress()).isEqualTo(remote);
        } finally {
            offerer.close();
            answerer.close();
            doomed.close();
        }
    }
}
