package dev.netcode.webrtc.ice;

import static dev.netcode.webrtc.ice.IceTestSupport.appData;
import static dev.netcode.webrtc.ice.IceTestSupport.appText;
import static dev.netcode.webrtc.ice.IceTestSupport.connectNonTrickle;
import static dev.netcode.webrtc.ice.IceTestSupport.connectTrickle;
import static dev.netcode.webrtc.ice.IceTestSupport.loopbackConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.netcode.webrtc.stun.StunClass;
import dev.netcode.webrtc.stun.StunMessageWriter;
import dev.netcode.webrtc.stun.StunMethod;
import dev.netcode.webrtc.stun.StunTransactionId;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Java-to-Java ICE on loopback: full and lite, trickle and not, roles, failures, consent. */
@Timeout(60)
class IceAgentTest {
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

    private IceAgent agent(IceConfig config, IceRole role) {
        return IceAgent.create(config, group, role);
    }

    private static void assertDataFlowsBothWays(IceAgent a, IceTestSupport.Recorder ra, IceAgent b, IceTestSupport.Recorder rb)
            throws InterruptedException {
        a.send(appData("ping"));
        assertThat(rb.received.poll(10, TimeUnit.SECONDS)).isEqualTo(appText("ping"));
        b.send(appData("pong"));
        assertThat(ra.received.poll(10, TimeUnit.SECONDS)).isEqualTo(appText("pong"));
    }

    @Test
    void datagramsSentBeforeAPairIsValidAreHeldAndSentOnceWritable() throws Exception {
        IceAgent a = agent(loopbackConfig(random).build(), IceRole.CONTROLLED);
        IceAgent b = agent(loopbackConfig(random).build(), IceRole.CONTROLLING);
        IceTestSupport.Recorder ra = new IceTestSupport.Recorder().attach(a);
        IceTestSupport.Recorder rb = new IceTestSupport.Recorder().attach(b);
        java.util.concurrent.atomic.AtomicInteger writable = new java.util.concurrent.atomic.AtomicInteger();
        a.addListener(new IceAgentListener() {
            @Override
            public void onWritable() {
                writable.incrementAndGet();
            }
        });
        try {
            assertThat(a.isWritable()).isFalse();
            // More than the agent holds: the oldest are dropped, the newest go out in order.
            int sent = IceAgent.MAX_HELD_DATAGRAMS + 2;
            for (int i = 0; i < sent; i++) {
                assertThat(a.send(appData("early-" + i))).isTrue();
            }
            connectNonTrickle(a, b);
            await().atMost(Duration.ofSeconds(20)).until(() -> a.state().isConnected() && b.state().isConnected());
            for (int i = sent - IceAgent.MAX_HELD_DATAGRAMS; i < sent; i++) {
                assertThat(rb.received.poll(10, TimeUnit.SECONDS)).isEqualTo(appText("early-" + i));
            }
            assertThat(a.isWritable()).isTrue();
            assertThat(writable.get()).isEqualTo(1);
            assertThat(a.droppedDatagrams()).isEqualTo(2);
            assertDataFlowsBothWays(a, ra, b, rb);
            assertThat(writable.get()).isEqualTo(1);
        } finally {
            a.close();
            b.close();
        }
    }

    @ParameterizedTest
    @EnumSource(IceRole.class)
    void fullToFullNonTrickleConnectsWithEitherSideControlling(IceRole roleOfA) throws Exception {
        IceAgent a = agent(loopbackConfig(random).build(), roleOfA);
        IceAgent b = agent(loopbackConfig(random).build(), roleOfA.opposite());
        IceTestSupport.Recorder ra = new IceTestSupport.Recorder().attach(a);
        IceTestSupport.Recorder rb = new IceTestSupport.Recorder().attach(b);
        try {
            connectNonTrickle(a, b);
            await().atMost(Duration.ofSeconds(20)).until(() -> a.state().isConnected() && b.state().isConnected());
            assertThat(ra.states).startsWith(IceConnectionState.CHECKING, IceConnectionState.CONNECTED);
            assertThat(a.role()).isEqualTo(roleOfA);
            assertThat(a.remoteAddress()).isEqualTo(b.localAddress());
            assertThat(b.remoteAddress()).isEqualTo(a.localAddress());
            assertDataFlowsBothWays(a, ra, b, rb);
            // Both sides saw end-of-candidates and finished checking.
            await().atMost(Duration.ofSeconds(10)).until(() -> a.state() == IceConnectionState.COMPLETED
                    && b.state() == IceConnectionState.COMPLETED);
        } finally {
            a.close();
            b.close();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> a.state() == IceConnectionState.CLOSED);
    }

    @Test
    void worksOnEpollDatagramChannelsToo() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(io.netty.channel.epoll.Epoll.isAvailable(), "epoll not available here");
        EventLoopGroup epoll = new MultiThreadIoEventLoopGroup(1, io.netty.channel.epoll.EpollIoHandler.newFactory());
        IceAgent a = IceAgent.create(loopbackConfig(random).build(), epoll, IceRole.CONTROLLING,
                io.netty.channel.epoll.EpollDatagramChannel.class);
        IceAgent b = agent(loopbackConfig(random).build(), IceRole.CONTROLLED);
        IceTestSupport.Recorder ra = new IceTestSupport.Recorder().attach(a);
        IceTestSupport.Recorder rb = new IceTestSupport.Recorder().attach(b);
        try {
            connectNonTrickle(a, b);
            await().atMost(Duration.ofSeconds(20)).until(() -> a.state().isConnected() && b.state().isConnected());
            assertDataFlowsBothWays(a, ra, b, rb);
        } finally {
            a.close();
            b.close();
            epoll.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void fullToFullTrickleConnects() throws Exception {
        IceAgent a = agent(loopbackConfig(random).build(), IceRole.CONTROLLING);
        IceAgent b = agent(loopbackConfig(random).build(), IceRole.CONTROLLED);
        IceTestSupport.Recorder ra = new IceTestSupport.Recorder().attach(a);
        IceTestSupport.Recorder rb = new IceTestSupport.Recorder().attach(b);
        try {
            connectTrickle(a, b);
            await().atMost(Duration.ofSeconds(20)).until(() -> a.state().isConnected() && b.state().isConnected());
            assertDataFlowsBothWays(a, ra, b, rb);
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    void liteToFullConnectsWithTheFullSideNominating() throws Exception {
        IceAgent lite = agent(loopbackConfig(random).lite(true).build(), IceRole.CONTROLLING);
        // Even if told to be controlled, a full agent facing a lite one takes control (RFC 8445 §6.1.1).
        IceAgent full = agent(loopbackConfig(random).build(), IceRole.CONTROLLED);
        IceTestSupport.Recorder rl = new IceTestSupport.Recorder().attach(lite);
        IceTestSupport.Recorder rf = new IceTestSupport.Recorder().attach(full);
        try {
            assertThat(lite.role()).isEqualTo(IceRole.CONTROLLED);
            connectNonTrickle(full, lite);
            await().atMost(Duration.ofSeconds(20)).until(() -> lite.state().isConnected() && full.state().isConnected());
            assertThat(full.role()).isEqualTo(IceRole.CONTROLLING);
            assertDataFlowsBothWays(full, rf, lite, rl);
        } finally {
            lite.close();
            full.close();
        }
    }

    @ParameterizedTest
    @EnumSource(IceRole.class)
    void roleConflictResolvesToOneControllingSide(IceRole bothClaim) throws Exception {
        IceAgent a = agent(loopbackConfig(random).build(), bothClaim);
        IceAgent b = agent(loopbackConfig(random).build(), bothClaim);
        IceTestSupport.Recorder ra = new IceTestSupport.Recorder().attach(a);
        IceTestSupport.Recorder rb = new IceTestSupport.Recorder().attach(b);
        try {
            connectNonTrickle(a, b);
            await().atMost(Duration.ofSeconds(20)).until(() -> a.state().isConnected() && b.state().isConnected());
            assertThat(a.role()).isNotEqualTo(b.role());
            // RFC 8445 §7.3.1.1: the agent with the larger tie-breaker ends up controlling.
            IceAgent winner = Long.compareUnsigned(a.tieBreaker(), b.tieBreaker()) >= 0 ? a : b;
            assertThat(winner.role()).isEqualTo(IceRole.CONTROLLING);
            assertDataFlowsBothWays(a, ra, b, rb);
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    void wrongPasswordsNeverConnectAndEndFailed() {
        IceAgent a = agent(loopbackConfig(random).checkingTimeoutMs(8000).build(), IceRole.CONTROLLING);
        IceAgent b = agent(loopbackConfig(random).checkingTimeoutMs(8000).build(), IceRole.CONTROLLED);
        IceTestSupport.Recorder ra = new IceTestSupport.Recorder().attach(a);
        IceTestSupport.Recorder rb = new IceTestSupport.Recorder().attach(b);
        try {
            List<IceCandidate> ca = a.gather().join();
            List<IceCandidate> cb = b.gather().join();
            a.setRemoteCredentials(b.localCredentials().ufrag(), "W" + b.localCredentials().password().substring(1) + "x");
            b.setRemoteCredentials(a.localCredentials().ufrag(), "W" + a.localCredentials().password().substring(1) + "x");
            cb.forEach(a::addRemoteCandidate);
            ca.forEach(b::addRemoteCandidate);
            a.endOfRemoteCandidates();
            b.endOfRemoteCandidates();
            a.start();
            b.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> a.state() == IceConnectionState.FAILED
                    && b.state() == IceConnectionState.FAILED);
            assertThat(ra.everConnected()).isFalse();
            assertThat(rb.everConnected()).isFalse();
            assertThat(a.rejectedStunMessages() + b.rejectedStunMessages()).isPositive();
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    void oneSidedWrongPasswordFailsThatSide() {
        IceAgent a = agent(loopbackConfig(random).checkingTimeoutMs(8000).build(), IceRole.CONTROLLED);
        IceAgent b = agent(loopbackConfig(random).checkingTimeoutMs(8000).build(), IceRole.CONTROLLING);
        IceTestSupport.Recorder ra = new IceTestSupport.Recorder().attach(a);
        try {
            List<IceCandidate> ca = a.gather().join();
            List<IceCandidate> cb = b.gather().join();
            a.setRemoteCredentials(b.localCredentials().ufrag(), "W" + b.localCredentials().password().substring(1) + "x");
            b.setRemoteCredentials(a.localCredentials().ufrag(), a.localCredentials().password());
            cb.forEach(a::addRemoteCandidate);
            ca.forEach(b::addRemoteCandidate);
            a.endOfRemoteCandidates();
            b.endOfRemoteCandidates();
            a.start();
            b.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> a.state() == IceConnectionState.FAILED);
            assertThat(ra.everConnected()).isFalse();
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    void silentPeerDrivesDisconnectedThenFailed() throws Exception {
        IceConfig quick = loopbackConfig(random).consentIntervalMs(200).disconnectedTimeoutMs(1000).failedTimeoutMs(3000).build();
        IceAgent a = agent(quick, IceRole.CONTROLLING);
        IceAgent b = agent(quick, IceRole.CONTROLLED);
        IceTestSupport.Recorder ra = new IceTestSupport.Recorder().attach(a);
        try {
            connectNonTrickle(a, b);
            await().atMost(Duration.ofSeconds(20)).until(() -> a.state().isConnected() && b.state().isConnected());
            // Healthy and quiet: consent keeps it connected well past the disconnected timeout.
            Thread.sleep(1500);
            assertThat(a.state().isConnected()).isTrue();
            long silentFrom = System.nanoTime();
            b.close(); // the peer vanishes: its socket is gone, nothing answers
            await().atMost(Duration.ofSeconds(20)).until(() -> a.state() == IceConnectionState.FAILED);
            int disconnectedAt = ra.states.indexOf(IceConnectionState.DISCONNECTED);
            int failedAt = ra.states.indexOf(IceConnectionState.FAILED);
            assertThat(disconnectedAt).isPositive().isLessThan(failedAt);
            long toDisconnectedMs = TimeUnit.NANOSECONDS.toMillis(ra.stateTimesNs.get(disconnectedAt) - silentFrom);
            long toFailedMs = TimeUnit.NANOSECONDS.toMillis(ra.stateTimesNs.get(failedAt) - silentFrom);
            System.out.println("silent peer: disconnected after " + toDisconnectedMs + " ms, failed after " + toFailedMs + " ms");
            // Not before the configured silence (minus one consent interval of slack), and not absurdly late.
            assertThat(toDisconnectedMs).isBetween(800L, 8000L);
            assertThat(toFailedMs).isBetween(2800L, 15000L);
            assertThat(a.send(Unpooled.wrappedBuffer(new byte[] {23}))).isTrue(); // handed over, then dropped
            await().atMost(Duration.ofSeconds(5)).until(() -> a.droppedDatagrams() > 0);
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    void garbageDatagramsChangeNothing() throws Exception {
        IceAgent a = agent(loopbackConfig(random).build(), IceRole.CONTROLLING);
        IceAgent b = agent(loopbackConfig(random).build(), IceRole.CONTROLLED);
        IceTestSupport.Recorder ra = new IceTestSupport.Recorder().attach(a);
        IceTestSupport.Recorder rb = new IceTestSupport.Recorder().attach(b);
        try (DatagramSocket attacker = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            List<IceCandidate> ca = a.gather().join();
            InetSocketAddress target = ca.get(0).socketAddress();
            sendGarbage(attacker, target, a, 300);
            connectNonTrickle(a, b);
            await().atMost(Duration.ofSeconds(20)).until(() -> a.state().isConnected() && b.state().isConnected());
            List<IceConnectionState> before = List.copyOf(ra.states);
            sendGarbage(attacker, target, a, 300);
            assertDataFlowsBothWays(a, ra, b, rb);
            Thread.sleep(300);
            assertThat(ra.states).isEqualTo(before);
            assertThat(ra.received).isEmpty(); // none of the garbage reached the layer above
            assertThat(a.droppedDatagrams()).isPositive();
            assertThat(a.rejectedStunMessages()).isPositive();
            assertThat(a.remoteAddress()).isEqualTo(b.localAddress());
        } finally {
            a.close();
            b.close();
        }
    }

    /** Random bytes, truncated STUN, STUN with a bad fingerprint, and well-formed checks with a wrong password. */
    private void sendGarbage(DatagramSocket from, InetSocketAddress to, IceAgent victim, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            byte[] payload;
            switch (i % 4) {
                case 0 -> {
                    payload = new byte[1 + random.nextInt(1200)];
                    random.nextBytes(payload);
                }
                case 1 -> {
                    payload = new byte[20 + random.nextInt(100)];
                    random.nextBytes(payload);
                    payload[0] = (byte) random.nextInt(4);
                    payload[4] = 0x21;
                    payload[5] = 0x12;
                    payload[6] = (byte) 0xA4;
                    payload[7] = 0x42;
                }
                case 2 -> payload = forgedCheck(victim.localCredentials().ufrag() + ":evil", "wrong-password-wrong-password", true);
                default -> payload = forgedCheck("nobody:evil", "x", false);
            }
            from.send(new DatagramPacket(payload, payload.length, to));
        }
    }

    private byte[] forgedCheck(String username, String password, boolean useCandidate) {
        ByteBuf buf = Unpooled.buffer();
        StunMessageWriter w = new StunMessageWriter().begin(buf, StunClass.REQUEST, StunMethod.BINDING, StunTransactionId.random(random))
                .username(username).priority(1).iceControlling(random.nextLong());
        if (useCandidate) {
            w.useCandidate();
        }
        w.messageIntegrity(password).fingerprint().finish();
        byte[] b = ByteBufUtil.getBytes(buf);
        buf.release();
        return b;
    }
}
