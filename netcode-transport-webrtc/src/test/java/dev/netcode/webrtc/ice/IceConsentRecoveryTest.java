package dev.netcode.webrtc.ice;

import static dev.netcode.webrtc.ice.IceTestSupport.appData;
import static dev.netcode.webrtc.ice.IceTestSupport.appText;
import static dev.netcode.webrtc.ice.IceTestSupport.loopbackConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.bootstrap.Bootstrap;
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
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Consent freshness through an outage: a UDP relay between the agents goes dark for longer than the
 * disconnected timeout but shorter than the failed one; both sides go DISCONNECTED and come back to
 * CONNECTED on their own.
 */
@Timeout(60)
class IceConsentRecoveryTest {
    private static EventLoopGroup group;

    @BeforeAll
    static void startLoops() {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stopLoops() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Two loopback sockets; what one receives leaves through the other toward a fixed target. */
    static final class Relay {
        final AtomicBoolean dark = new AtomicBoolean();
        final Channel facingA;
        final Channel facingB;
        volatile InetSocketAddress a;
        volatile InetSocketAddress b;

        Relay() {
            facingA = bind(() -> facingBChannel(), () -> b);
            facingB = bind(() -> facingA, () -> a);
        }

        private Channel facingBChannel() {
            return facingB;
        }

        private Channel bind(java.util.function.Supplier<Channel> out, java.util.function.Supplier<InetSocketAddress> to) {
            return new Bootstrap().group(group).channel(NioDatagramChannel.class)
                    .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                        @Override
                        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket p) {
                            InetSocketAddress target = to.get();
                            if (!dark.get() && target != null) {
                                out.get().writeAndFlush(new DatagramPacket(p.content().retain(), target));
                            }
                        }
                    })
                    .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).syncUninterruptibly().channel();
        }

        InetSocketAddress addressFacingA() {
            return (InetSocketAddress) facingA.localAddress();
        }

        InetSocketAddress addressFacingB() {
            return (InetSocketAddress) facingB.localAddress();
        }

        void close() {
            facingA.close();
            facingB.close();
        }
    }

    @Test
    void outageShorterThanFailedTimeoutRecovers() throws Exception {
        long seed = System.nanoTime();
        System.out.println("seed=" + seed);
        Random random = new Random(seed);
        IceConfig config = loopbackConfig(random).consentIntervalMs(200).disconnectedTimeoutMs(1000).failedTimeoutMs(8000).build();
        IceAgent a = IceAgent.create(config, group, IceRole.CONTROLLING);
        IceAgent b = IceAgent.create(config, group, IceRole.CONTROLLED);
        IceTestSupport.Recorder ra = new IceTestSupport.Recorder().attach(a);
        IceTestSupport.Recorder rb = new IceTestSupport.Recorder().attach(b);
        Relay relay = new Relay();
        try {
            IceCandidate hostA = a.gather().join().get(0);
            IceCandidate hostB = b.gather().join().get(0);
            relay.a = hostA.socketAddress();
            relay.b = hostB.socketAddress();
            a.setRemoteCredentials(b.localCredentials().ufrag(), b.localCredentials().password());
            b.setRemoteCredentials(a.localCredentials().ufrag(), a.localCredentials().password());
            // Each side only knows the relay's face toward it.
            a.addRemoteCandidate(IceCandidate.builder().foundation("1").priority(hostB.priority())
                    .address(relay.addressFacingA()).type(IceCandidateType.HOST).build());
            b.addRemoteCandidate(IceCandidate.builder().foundation("1").priority(hostA.priority())
                    .address(relay.addressFacingB()).type(IceCandidateType.HOST).build());
            a.endOfRemoteCandidates();
            b.endOfRemoteCandidates();
            a.start();
            b.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> a.state().isConnected() && b.state().isConnected());

            relay.dark.set(true);
            await().atMost(Duration.ofSeconds(10)).until(() -> a.state() == IceConnectionState.DISCONNECTED
                    && b.state() == IceConnectionState.DISCONNECTED);
            relay.dark.set(false);
            await().atMost(Duration.ofSeconds(10)).until(() -> a.state().isConnected() && b.state().isConnected());

            assertThat(ra.states).doesNotContain(IceConnectionState.FAILED);
            assertThat(rb.states).doesNotContain(IceConnectionState.FAILED);
            int down = ra.states.indexOf(IceConnectionState.DISCONNECTED);
            assertThat(down).isPositive();
            assertThat(ra.states.subList(down + 1, ra.states.size())).contains(IceConnectionState.CONNECTED);
            a.send(appData("after the outage"));
            assertThat(rb.received.poll(10, TimeUnit.SECONDS)).isEqualTo(appText("after the outage"));
        } finally {
            a.close();
            b.close();
            relay.close();
        }
    }
}
