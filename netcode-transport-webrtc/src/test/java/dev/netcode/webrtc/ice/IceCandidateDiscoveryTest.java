package dev.netcode.webrtc.ice;

import static dev.netcode.webrtc.ice.IceTestSupport.appData;
import static dev.netcode.webrtc.ice.IceTestSupport.appText;
import static dev.netcode.webrtc.ice.IceTestSupport.loopbackConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.netcode.webrtc.stun.StunClass;
import dev.netcode.webrtc.stun.StunMessage;
import dev.netcode.webrtc.stun.StunMessageWriter;
import dev.netcode.webrtc.stun.StunParseException;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Peer-reflexive discovery (the browser mDNS case) and server-reflexive gathering. */
@Timeout(60)
class IceCandidateDiscoveryTest {
    private static EventLoopGroup group;
    private Random random;

    @BeforeAll
    static void startLoops() {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stopLoops() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @BeforeEach
    void seed(TestInfo info) {
        long seed = System.nanoTime();
        System.out.println(info.getDisplayName() + " seed=" + seed);
        random = new Random(seed);
    }

    /**
     * The browser case: the peer only signals an mDNS {@code <uuid>.local} host candidate we cannot
     * resolve, but it receives our 127.0.0.1 candidate and checks it. The connection must come up
     * through the peer-reflexive candidate learned from those checks, whichever side controls.
     */
    @ParameterizedTest
    @EnumSource(IceRole.class)
    void mdnsOnlyPeerConnectsThroughPeerReflexiveCandidate(IceRole javaRole) throws Exception {
        IceAgent java = IceAgent.create(loopbackConfig(random).build(), group, javaRole);
        IceAgent browserLike = IceAgent.create(loopbackConfig(random).build(), group, javaRole.opposite());
        IceTestSupport.Recorder rj = new IceTestSupport.Recorder().attach(java);
        IceTestSupport.Recorder rb = new IceTestSupport.Recorder().attach(browserLike);
        try {
            List<IceCandidate> mine = java.gather().join();
            List<IceCandidate> theirs = browserLike.gather().join();
            java.setRemoteCredentials(browserLike.localCredentials().ufrag(), browserLike.localCredentials().password());
            browserLike.setRemoteCredentials(java.localCredentials().ufrag(), java.localCredentials().password());
            for (IceCandidate c : theirs) {
                String hidden = c.toSdpValue().replace(" " + c.address() + " ", " " + UUID.randomUUID() + ".local ");
                java.addRemoteCandidate(hidden + " generation 0");
            }
            mine.forEach(browserLike::addRemoteCandidate);
            java.endOfRemoteCandidates();
            browserLike.endOfRemoteCandidates();
            java.start();
            browserLike.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> java.state().isConnected() && browserLike.state().isConnected());
            assertThat(java.selectedRemoteCandidate().type()).isEqualTo(IceCandidateType.PEER_REFLEXIVE);
            assertThat(java.remoteAddress()).isEqualTo(theirs.get(0).socketAddress());
            java.send(appData("over prflx"));
            assertThat(rb.received.poll(10, TimeUnit.SECONDS)).isEqualTo(appText("over prflx"));
            browserLike.send(appData("back"));
            assertThat(rj.received.poll(10, TimeUnit.SECONDS)).isEqualTo(appText("back"));
        } finally {
            java.close();
            browserLike.close();
        }
    }

    @Test
    void tcpCandidatesAreIgnoredByTheUdpAgent() throws Exception {
        IceAgent a = IceAgent.create(loopbackConfig(random).checkingTimeoutMs(1500).build(), group, IceRole.CONTROLLING);
        try {
            a.gather().join();
            a.setRemoteCredentials("abcd", "abcdefghijklmnopqrstuvwx");
            a.addRemoteCandidate("candidate:1 1 tcp 1518280447 127.0.0.1 9 typ host tcptype active");
            a.endOfRemoteCandidates();
            a.start();
            // No pair can form, so nothing is checked and the agent gives up at the checking timeout.
            await().atMost(Duration.ofSeconds(10)).until(() -> a.state() == IceConnectionState.FAILED);
        } finally {
            a.close();
        }
    }

    @Test
    void serverReflexiveCandidateComesFromTheConfiguredStunServer() throws Exception {
        // A tiny STUN server that answers as if behind a NAT: it reports 203.0.113.9 and the real port + 1000.
        AtomicInteger requests = new AtomicInteger();
        Channel server = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) throws Exception {
                        StunMessage request;
                        try {
                            request = StunMessage.decode(packet.content());
                        } catch (StunParseException e) {
                            return;
                        }
                        if (!request.isBindingRequest()) {
                            return;
                        }
                        requests.incrementAndGet();
                        InetSocketAddress natted = new InetSocketAddress(InetAddress.getByName("203.0.113.9"),
                                packet.sender().getPort() + 1000);
                        ByteBuf out = ctx.alloc().buffer();
                        new StunMessageWriter().begin(out, StunClass.SUCCESS_RESPONSE, request.method(), request.transactionId())
                                .xorMappedAddress(natted).software("test-stun").fingerprint().finish();
                        ctx.writeAndFlush(new DatagramPacket(out, packet.sender()));
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).syncUninterruptibly().channel();
        IceAgent a = IceAgent.create(loopbackConfig(random)
                .stunServers(List.of((InetSocketAddress) server.localAddress())).build(), group, IceRole.CONTROLLING);
        try {
            List<IceCandidate> candidates = a.gather().get(10, TimeUnit.SECONDS);
            assertThat(candidates).hasSize(2);
            IceCandidate host = candidates.get(0);
            IceCandidate srflx = candidates.get(1);
            assertThat(host.type()).isEqualTo(IceCandidateType.HOST);
            assertThat(srflx.type()).isEqualTo(IceCandidateType.SERVER_REFLEXIVE);
            assertThat(srflx.address()).isEqualTo("203.0.113.9");
            assertThat(srflx.port()).isEqualTo(host.port() + 1000);
            assertThat(srflx.relatedAddress()).isEqualTo(host.address());
            assertThat(srflx.relatedPort()).isEqualTo(host.port());
            assertThat(srflx.priority()).isLessThan(host.priority());
            assertThat(requests.get()).isGreaterThanOrEqualTo(1);
        } finally {
            a.close();
            server.close().syncUninterruptibly();
        }
    }

    @Test
    void unreachableStunServerStillCompletesGathering() throws Exception {
        // Port of a socket we close right away: nothing answers there.
        java.net.DatagramSocket s = new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress());
        InetSocketAddress dead = (InetSocketAddress) s.getLocalSocketAddress();
        s.close();
        IceAgent a = IceAgent.create(loopbackConfig(random).checkRtoMs(50).maxCheckRetransmits(2)
                .stunServers(List.of(dead)).build(), group, IceRole.CONTROLLING);
        try {
            assertThat(a.gather().get(10, TimeUnit.SECONDS)).singleElement()
                    .satisfies(c -> assertThat(c.type()).isEqualTo(IceCandidateType.HOST));
        } finally {
            a.close();
        }
    }
}
