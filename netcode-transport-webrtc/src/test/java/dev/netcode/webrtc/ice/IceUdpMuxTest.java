package dev.netcode.webrtc.ice;

import static dev.netcode.webrtc.ice.IceTestSupport.appData;
import static dev.netcode.webrtc.ice.IceTestSupport.appText;
import static dev.netcode.webrtc.ice.IceTestSupport.connectNonTrickle;
import static dev.netcode.webrtc.ice.IceTestSupport.loopbackConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;

/** One ICE-lite UDP port serving many Java full agents. */
class IceUdpMuxTest {
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

    private IceUdpMux bindMux(int maxAgents) {
        return IceUdpMux.bind(group, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), maxAgents);
    }

    @Test
    @Timeout(60)
    void onePortServesSeveralPeersAndRoutesTheirData() throws Exception {
        IceUdpMux mux = bindMux(16);
        List<IceAgent> all = new ArrayList<>();
        try {
            runPeers(mux, 5, all);
            assertThat(mux.agentCount()).isEqualTo(5);
            all.forEach(IceAgent::close);
            await().atMost(Duration.ofSeconds(5)).until(() -> mux.agentCount() == 0);
        } finally {
            all.forEach(IceAgent::close);
            mux.close();
        }
    }

    @Test
    @Tag("slow")
    @Timeout(90)
    void onePortServesOneHundredSimultaneousPeers() throws Exception {
        IceUdpMux mux = bindMux(128);
        List<IceAgent> all = new ArrayList<>();
        try {
            long t0 = System.nanoTime();
            runPeers(mux, 100, all);
            System.out.println("100 peers connected and echoed through one port in "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms; mux dropped " + mux.droppedDatagrams());
        } finally {
            all.forEach(IceAgent::close);
            mux.close();
        }
    }

    private void runPeers(IceUdpMux mux, int count, List<IceAgent> all) throws Exception {
        List<IceAgent> fulls = new ArrayList<>();
        List<IceAgent> lites = new ArrayList<>();
        List<IceTestSupport.Recorder> recorders = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            IceAgent lite = mux.newAgent(loopbackConfig(random).build());
            IceAgent full = IceAgent.create(loopbackConfig(random).build(), group, IceRole.CONTROLLING);
            all.add(lite);
            all.add(full);
            // The host echoes whatever its client sends.
            lite.setReceiver(buf -> lite.send(buf.retainedDuplicate()));
            recorders.add(new IceTestSupport.Recorder().attach(full));
            assertThat(lite.isLite()).isTrue();
            assertThat(lite.gather().join()).singleElement()
                    .satisfies(c -> assertThat(c.socketAddress()).isEqualTo(mux.localAddress()));
            fulls.add(full);
            lites.add(lite);
        }
        for (int i = 0; i < count; i++) {
            connectNonTrickle(fulls.get(i), lites.get(i));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> fulls.stream().allMatch(a -> a.state().isConnected())
                && lites.stream().allMatch(a -> a.state().isConnected()));
        for (int i = 0; i < count; i++) {
            fulls.get(i).send(appData("client-" + i));
        }
        for (int i = 0; i < count; i++) {
            assertThat(recorders.get(i).received.poll(20, TimeUnit.SECONDS)).isEqualTo(appText("client-" + i));
            assertThat(lites.get(i).remoteAddress()).isEqualTo(fulls.get(i).localAddress());
        }
    }

    @Test
    @Timeout(60)
    void garbageOnTheMuxPortIsDroppedAndCounted() throws Exception {
        IceUdpMux mux = bindMux(4);
        IceAgent lite = mux.newAgent(loopbackConfig(random).build());
        IceAgent full = IceAgent.create(loopbackConfig(random).build(), group, IceRole.CONTROLLING);
        IceTestSupport.Recorder rl = new IceTestSupport.Recorder().attach(lite);
        IceTestSupport.Recorder rf = new IceTestSupport.Recorder().attach(full);
        try (DatagramSocket attacker = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            for (int i = 0; i < 500; i++) {
                byte[] payload = new byte[1 + random.nextInt(600)];
                random.nextBytes(payload);
                if (i % 2 == 0 && payload.length >= 20) {
                    payload[0] = 0;
                    payload[4] = 0x21;
                    payload[5] = 0x12;
                    payload[6] = (byte) 0xA4;
                    payload[7] = 0x42;
                }
                attacker.send(new DatagramPacket(payload, payload.length, mux.localAddress()));
            }
            connectNonTrickle(full, lite);
            await().atMost(Duration.ofSeconds(20)).until(() -> full.state().isConnected() && lite.state().isConnected());
            full.send(appData("hi"));
            assertThat(rl.received.poll(10, TimeUnit.SECONDS)).isEqualTo(appText("hi"));
            lite.send(appData("ho"));
            assertThat(rf.received.poll(10, TimeUnit.SECONDS)).isEqualTo(appText("ho"));
            await().atMost(Duration.ofSeconds(5)).until(() -> mux.droppedDatagrams() + mux.malformedStunMessages() >= 400);
            assertThat(rl.states).doesNotContain(IceConnectionState.FAILED, IceConnectionState.DISCONNECTED);
        } finally {
            full.close();
            mux.close();
        }
    }

    @Test
    void agentLimitIsEnforced() {
        IceUdpMux mux = bindMux(2);
        try {
            mux.newAgent(loopbackConfig(random).build());
            mux.newAgent(loopbackConfig(random).build());
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> mux.newAgent(loopbackConfig(random).build()))
                    .isInstanceOf(IllegalStateException.class);
        } finally {
            mux.close();
        }
    }
}
