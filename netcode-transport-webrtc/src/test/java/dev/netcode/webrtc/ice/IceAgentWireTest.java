package dev.netcode.webrtc.ice;

import static dev.netcode.webrtc.ice.IceTestSupport.loopbackConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.netcode.webrtc.stun.StunClass;
import dev.netcode.webrtc.stun.StunErrorCode;
import dev.netcode.webrtc.stun.StunMessage;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;

/** The agent's answers to hand-written checks: exact RFC 8445 §7.3 and RFC 8489 responses on the wire. */
@Timeout(30)
class IceAgentWireTest {
    private static EventLoopGroup group;
    private Random random;
    private IceAgent agent;
    private InetSocketAddress agentAddress;
    private DatagramSocket peer;

    @BeforeAll
    static void startLoops() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stopLoops() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @BeforeEach
    void setUp(TestInfo info) throws Exception {
        long seed = System.nanoTime();
        System.out.println(info.getDisplayName() + " seed=" + seed);
        random = new Random(seed);
        agent = IceAgent.create(loopbackConfig(random).build(), group, IceRole.CONTROLLING);
        agentAddress = agent.gather().get(10, TimeUnit.SECONDS).get(0).socketAddress();
        peer = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        peer.setSoTimeout(5000);
    }

    @AfterEach
    void tearDown() {
        agent.close();
        peer.close();
    }

    private StunMessage exchange(String password, Consumer<StunMessageWriter> attributes) throws Exception {
        ByteBuf buf = Unpooled.buffer();
        StunTransactionId tid = StunTransactionId.random(random);
        StunMessageWriter w = new StunMessageWriter().begin(buf, StunClass.REQUEST, StunMethod.BINDING, tid)
                .username(agent.localCredentials().ufrag() + ":peer");
        attributes.accept(w);
        w.messageIntegrity(password).fingerprint().finish();
        byte[] bytes = ByteBufUtil.getBytes(buf);
        buf.release();
        peer.send(new DatagramPacket(bytes, bytes.length, agentAddress));
        byte[] in = new byte[1500];
        DatagramPacket p = new DatagramPacket(in, in.length);
        peer.receive(p);
        StunMessage response = StunMessage.decode(in, 0, p.getLength());
        assertThat(response.transactionId()).isEqualTo(tid);
        assertThat(response.hasFingerprint()).isTrue();
        return response;
    }

    private String password() {
        return agent.localCredentials().password();
    }

    @Test
    void validCheckGetsAnAuthenticatedSuccessWithTheSourceAddress() throws Exception {
        StunMessage r = exchange(password(), w -> w.priority(1234).iceControlled(1));
        assertThat(r.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
        assertThat(r.xorMappedAddress()).isEqualTo(peer.getLocalSocketAddress());
        assertThat(r.verifyMessageIntegrity(password().getBytes(StandardCharsets.UTF_8))).isTrue();
    }

    @Test
    void wrongPasswordGets401() throws Exception {
        StunMessage r = exchange("not-the-password-at-all", w -> w.priority(1).iceControlled(1));
        assertThat(r.messageClass()).isEqualTo(StunClass.ERROR_RESPONSE);
        assertThat(r.errorCode().code()).isEqualTo(401);
        assertThat(agent.rejectedStunMessages()).isEqualTo(1);
    }

    @Test
    void unknownComprehensionRequiredAttributeGets420() throws Exception {
        StunMessage r = exchange(password(), w -> w.priority(1).iceControlled(1).attribute(0x0077, new byte[] {1}));
        assertThat(r.errorCode()).isEqualTo(StunErrorCode.UNKNOWN_ATTRIBUTE);
        assertThat(r.unknownAttributes()).containsExactly(0x0077);
    }

    @Test
    void roleConflictWithSmallerTieBreakerGets487AndWeStayControlling() throws Exception {
        StunMessage r = exchange(password(), w -> w.priority(1).iceControlling(0L)); // 0 never wins
        assertThat(r.messageClass()).isEqualTo(StunClass.ERROR_RESPONSE);
        assertThat(r.errorCode()).isEqualTo(StunErrorCode.ROLE_CONFLICT);
        assertThat(r.verifyMessageIntegrity(password().getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(agent.role()).isEqualTo(IceRole.CONTROLLING);
    }

    @Test
    void roleConflictWithLargerTieBreakerMakesUsControlled() throws Exception {
        StunMessage r = exchange(password(), w -> w.priority(1).iceControlling(-1L)); // 2^64-1 always wins
        assertThat(r.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
        await().atMost(Duration.ofSeconds(5)).until(() -> agent.role() == IceRole.CONTROLLED);
    }
}
