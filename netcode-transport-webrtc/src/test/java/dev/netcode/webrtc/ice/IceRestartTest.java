package dev.netcode.webrtc.ice;

import static dev.netcode.webrtc.ice.IceTestSupport.appData;
import static dev.netcode.webrtc.ice.IceTestSupport.appText;
import static dev.netcode.webrtc.ice.IceTestSupport.loopbackConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.netcode.webrtc.impairment.ImpairmentConfig;
import dev.netcode.webrtc.impairment.UdpImpairmentRelay;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * ICE restart (RFC 8445 §9) at the agent level, without DTLS or SCTP: new credentials start a new
 * generation, the old one's checks stop, the new one selects a pair, and data flows on it; during
 * an outage a restart keeps retrying instead of failing, and the agent asks for a restart once
 * consent has been lost for {@code consentLossRestartMs}.
 */
@Timeout(60)
class IceRestartTest {
    private static EventLoopGroup group;

    @BeforeAll
    static void startLoops() {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stopLoops() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static Random seeded(String test) {
        long seed = Long.getLong("netcode.ice.seed", 8445L);
        System.out.println(test + " seed=" + seed);
        return new Random(seed);
    }

    /** Both sides restart as JSEP does: pending local credentials first, then the peer's new ones. */
    private static void restart(IceAgent offerer, IceAgent answerer, Random random, List<IceCandidate> offererCandidates,
                                List<IceCandidate> answererCandidates) {
        IceCredentials offer = IceCredentials.random(random);
        IceCredentials answer = IceCredentials.random(random);
        offerer.restart(offer);                                   // setLocalDescription(restart offer)
        answerer.restart(answer);                                 // setRemoteDescription(offer) on the answerer
        answerer.setRemoteCredentials(offer.ufrag(), offer.password());
        offererCandidates.forEach(answerer::addRemoteCandidate);
        answerer.endOfRemoteCandidates();
        offerer.setRemoteCredentials(answer.ufrag(), answer.password()); // setRemoteDescription(answer)
        answererCandidates.forEach(offerer::addRemoteCandidate);
        offerer.endOfRemoteCandidates();
    }

    @Test
    void changedCredentialsStartANewGenerationThatSelectsAPairAndCarriesData() throws Exception {
        Random random = seeded("changedCredentials");
        IceConfig config = loopbackConfig(random).build();
        IceAgent a = IceAgent.create(config, group, IceRole.CONTROLLING);
        IceAgent b = IceAgent.create(config, group, IceRole.CONTROLLED);
        IceTestSupport.Recorder ra = new IceTestSupport.Recorder().attach(a);
        IceTestSupport.Recorder rb = new IceTestSupport.Recorder().attach(b);
        AtomicInteger selections = new AtomicInteger();
        AtomicInteger generationEvents = new AtomicInteger();
        a.addListener(new IceAgentListener() {
            @Override
            public void onSelectedPair(IceCandidate local, IceCandidate remote) {
                selections.incrementAndGet();
            }

            @Override
            public void onGenerationChange(int generation) {
                generationEvents.incrementAndGet();
            }
        });
        try {
            IceTestSupport.connectNonTrickle(a, b);
            await().atMost(Duration.ofSeconds(20)).until(() -> a.state().isConnected() && b.state().isConnected());
            IceCredentials oldA = a.localCredentials();
            int selectedBefore = selections.get();
            long rejectedBefore = b.rejectedStunMessages();

            // Same credentials again: not a restart.
            b.setRemoteCredentials(oldA.ufrag(), oldA.password());
            a.setRemoteCredentials(b.localCredentials().ufrag(), b.localCredentials().password());
            assertThat(a.eventLoop().submit(a::generation).get(5, TimeUnit.SECONDS)).isZero();
            assertThat(b.eventLoop().submit(b::generation).get(5, TimeUnit.SECONDS)).isZero();

            List<IceCandidate> ca = a.gather().join();
            List<IceCandidate> cb = b.gather().join();
            restart(a, b, random, ca, cb);

            await().atMost(Duration.ofSeconds(20)).until(() -> a.generation() == 1 && b.generation() == 1
                    && !a.isRestarting() && !b.isRestarting() && selections.get() > selectedBefore);
            assertThat(a.localCredentials()).isNotEqualTo(oldA);
            assertThat(generationEvents.get()).isEqualTo(1);
            assertThat(ra.states).doesNotContain(IceConnectionState.FAILED, IceConnectionState.CLOSED);
            assertThat(rb.states).doesNotContain(IceConnectionState.FAILED, IceConnectionState.CLOSED);
            a.send(appData("after the restart"));
            assertThat(rb.received.poll(10, TimeUnit.SECONDS)).isEqualTo(appText("after the restart"));
            b.send(appData("and back"));
            assertThat(ra.received.poll(10, TimeUnit.SECONDS)).isEqualTo(appText("and back"));
            // Old-generation checks stopped: a's old ufrag no longer authenticates at b, and no
            // stray old-generation traffic keeps being rejected after things settle.
            Thread.sleep(1500);
            long rejectedSettled = b.rejectedStunMessages();
            Thread.sleep(1500);
            assertThat(b.rejectedStunMessages()).isEqualTo(rejectedSettled);
            assertThat(rejectedSettled).isGreaterThanOrEqualTo(rejectedBefore);
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    void restartNeedsANewUfrag() {
        Random random = seeded("restartNeedsANewUfrag");
        IceAgent a = IceAgent.create(loopbackConfig(random).build(), group, IceRole.CONTROLLING);
        try {
            assertThatThrownBy(() -> a.restart(new IceCredentials(a.localCredentials().ufrag(),
                    IceCredentials.random(random).password()))).isInstanceOf(IllegalArgumentException.class);
        } finally {
            a.close();
        }
    }

    @Test
    void consentLossRestartMustStayBelowFailedTimeout() {
        assertThatThrownBy(() -> IceConfig.builder().failedTimeoutMs(5000).consentLossRestartMs(5000).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("consentLossRestartMs");
        // Only the default gives way to a short failedTimeoutMs: then no automatic restart.
        assertThat(IceConfig.builder().disconnectedTimeoutMs(3000).failedTimeoutMs(4000).build().consentLossRestartMs()).isZero();
        assertThat(IceConfig.builder().build().consentLossRestartMs()).isEqualTo(6000);
    }

    @Test
    void restartDuringAnOutageAsksForItselfKeepsRetryingAndRecoversWithoutFailing() throws Exception {
        Random random = seeded("restartDuringAnOutage");
        IceConfig config = loopbackConfig(random).consentIntervalMs(200).disconnectedTimeoutMs(1000)
                .consentLossRestartMs(1500).failedTimeoutMs(15000).build();
        IceAgent a = IceAgent.create(config, group, IceRole.CONTROLLING);
        IceAgent b = IceAgent.create(config, group, IceRole.CONTROLLED);
        IceTestSupport.Recorder ra = new IceTestSupport.Recorder().attach(a);
        IceTestSupport.Recorder rb = new IceTestSupport.Recorder().attach(b);
        AtomicInteger restartRequests = new AtomicInteger();
        a.addListener(new IceAgentListener() {
            @Override
            public void onRestartNeeded() {
                restartRequests.incrementAndGet();
            }
        });
        UdpImpairmentRelay relay = null;
        try {
            IceCandidate hostB = b.gather().join().get(0);
            a.gather().join();
            // The relay sits in front of b; a only knows the relay, b learns a (via the relay) from
            // a's checks as peer-reflexive, in every generation.
            relay = UdpImpairmentRelay.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                    hostB.socketAddress(), ImpairmentConfig.none().withSeed(random.nextLong()));
            List<IceCandidate> relayForA = List.of(IceCandidate.builder().foundation("1").priority(hostB.priority())
                    .address(relay.localAddress()).type(IceCandidateType.HOST).build());
            a.setRemoteCredentials(b.localCredentials().ufrag(), b.localCredentials().password());
            b.setRemoteCredentials(a.localCredentials().ufrag(), a.localCredentials().password());
            relayForA.forEach(a::addRemoteCandidate);
            a.endOfRemoteCandidates();
            b.endOfRemoteCandidates();
            a.start();
            b.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> a.state().isConnected() && b.state().isConnected());

            relay.setDropAll(true);
            await().atMost(Duration.ofSeconds(10)).until(() -> restartRequests.get() > 0);
            assertThat(a.state()).isEqualTo(IceConnectionState.DISCONNECTED);
            restart(a, b, random, List.of(), relayForA);
            await().atMost(Duration.ofSeconds(5)).until(() -> a.generation() == 1 && b.generation() == 1);
            // Checks of the new generation fail while dark: longer than a check's whole back-off.
            Thread.sleep(6000);
            assertThat(a.isRestarting()).isTrue();
            assertThat(a.state()).isEqualTo(IceConnectionState.DISCONNECTED);
            relay.setDropAll(false);
            await().atMost(Duration.ofSeconds(10)).until(() -> !a.isRestarting() && !b.isRestarting()
                    && a.state().isConnected() && b.state().isConnected());

            assertThat(ra.states).doesNotContain(IceConnectionState.FAILED);
            assertThat(rb.states).doesNotContain(IceConnectionState.FAILED);
            a.send(appData("after the restart"));
            assertThat(rb.received.poll(10, TimeUnit.SECONDS)).isEqualTo(appText("after the restart"));
        } finally {
            a.close();
            b.close();
            if (relay != null) {
                relay.close();
            }
        }
    }
}
