package dev.netcode.webrtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netcode.webrtc.datachannel.DataChannel;
import dev.netcode.webrtc.datachannel.DataChannelEcho;
import dev.netcode.webrtc.datachannel.DataChannelMessageTooLargeException;
import dev.netcode.webrtc.datachannel.DataChannelParameters;
import dev.netcode.webrtc.datachannel.DataChannelState;
import dev.netcode.webrtc.sdp.DataSessionParameters;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The acceptance matrix of issue 5, Java↔Java over real ICE, DTLS and SCTP on loopback: the
 * remote is a second {@link PeerConnection} whose channels echo with {@link DataChannelEcho}.
 */
class DataChannelAcceptanceTest extends DataChannelAcceptanceScenarios {
    private static EventLoopGroup group;

    @BeforeAll
    static void startLoops() {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stopLoops() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Override
    Session connect(boolean testerOffers, Random random) throws Exception {
        return connect(testerOffers, random, DataSessionParameters.DEFAULT_MAX_MESSAGE_SIZE_BYTES);
    }

    Session connect(boolean testerOffers, Random random, long remoteMaxMessageSizeBytes) throws Exception {
        PeerTestSupport.TrickleForwarder toRemote = new PeerTestSupport.TrickleForwarder();
        PeerTestSupport.TrickleForwarder toTester = new PeerTestSupport.TrickleForwarder();
        PeerConnection tester = PeerConnection.create(PeerTestSupport.loopback(random).eventLoopGroup(group).build(), toRemote);
        JavaRemote remote = new JavaRemote(PeerConnection.create(PeerTestSupport.loopback(random).eventLoopGroup(group)
                .maxMessageSizeBytes(remoteMaxMessageSizeBytes).build(), toTester), remoteMaxMessageSizeBytes);
        Session session = new Session(tester, remote);
        try {
            PeerConnection offerer = testerOffers ? tester : remote.pc;
            PeerConnection answerer = testerOffers ? remote.pc : tester;
            PeerTestSupport.signalTrickle(offerer, answerer);
            toRemote.attach(remote.pc);
            toTester.attach(tester);
            tester.connected().get(WAIT_S, TimeUnit.SECONDS);
            remote.pc.connected().get(WAIT_S, TimeUnit.SECONDS);
            return session;
        } catch (Exception | Error e) {
            session.close();
            throw e;
        }
    }

    /** Java↔Java only: the limit is the one the peer advertises, not ours. */
    @Test
    void theLimitIsThePeersAdvertisedMaximum() throws Exception {
        Random random = seeded("peersLimit");
        try (Session s = connect(true, random, 100_000)) {
            ChannelProbe probe = new ChannelProbe();
            DataChannel ch = create(s.tester(), "small-peer", DataChannelParameters.DEFAULT, probe);
            await(probe.opened);
            assertThatThrownBy(() -> onLoop(s.tester(), () -> {
                ch.send(new byte[100_001]);
                return null;
            })).hasCauseInstanceOf(DataChannelMessageTooLargeException.class)
                    .hasMessageContaining("100000");
            onLoop(s.tester(), () -> {
                ch.send(new byte[100_000]);
                return null;
            });
            assertThat(probe.next(WAIT_S * 1000).bytes()).hasSize(100_000);
            assertThat(ch.readyState()).isEqualTo(DataChannelState.OPEN);
        }
    }

    /** A Java peer whose channels echo; channels by label for the scenarios. */
    static final class JavaRemote implements Remote {
        final PeerConnection pc;
        final long maxMessageSizeBytes;
        final DataChannelEcho echo = new DataChannelEcho(DataChannelEcho.DEFAULT_MAX_BACKLOG_BYTES);
        final Map<String, DataChannel> channels = new ConcurrentHashMap<>();
        final Map<String, ChannelProbe> counters = new ConcurrentHashMap<>();

        JavaRemote(PeerConnection pc, long maxMessageSizeBytes) {
            this.pc = pc;
            this.maxMessageSizeBytes = maxMessageSizeBytes;
            pc.addListener(new PeerConnectionListener() {
                @Override
                public void onDataChannel(DataChannel channel) {
                    channels.put(channel.label(), channel);
                    echo.serve(channel);
                }
            });
        }

        private DataChannel channel(String label) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
            DataChannel ch;
            while ((ch = channels.get(label)) == null) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the remote never saw channel " + label);
                }
                Thread.sleep(5);
            }
            return ch;
        }

        private void awaitState(String label, DataChannelState state) throws Exception {
            DataChannel ch = channel(label);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
            while (onLoop(pc, ch::readyState) != state) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("remote channel " + label + " is " + ch.readyState() + ", not " + state);
                }
                Thread.sleep(5);
            }
        }

        @Override
        public void discard(String label) throws Exception {
            DataChannel ch = channel(label);
            ChannelProbe counter = new ChannelProbe();
            counter.keepMessages = false;
            counters.put(label, counter);
            onLoop(pc, () -> {
                ch.setListener(counter);
                return null;
            });
        }

        @Override
        public long receivedBytes(String label) {
            return counters.get(label).receivedBytes.get();
        }

        @Override
        public void createNegotiated(String label, int id) throws Exception {
            DataChannel ch = onLoop(pc, () -> {
                DataChannel c = pc.createDataChannel(label, DataChannelParameters.builder().negotiated(true).id(id).build());
                echo.serve(c);
                return c;
            });
            channels.put(label, ch);
        }

        @Override
        public void sendText(String label, String text) throws Exception {
            DataChannel ch = channel(label);
            onLoop(pc, () -> {
                ch.send(text);
                return null;
            });
        }

        @Override
        public void awaitOpen(String label) throws Exception {
            awaitState(label, DataChannelState.OPEN);
        }

        @Override
        public void closeChannel(String label) throws Exception {
            DataChannel ch = channel(label);
            onLoop(pc, () -> {
                ch.close();
                return null;
            });
        }

        @Override
        public void awaitClosed(String label) throws Exception {
            awaitState(label, DataChannelState.CLOSED);
        }

        @Override
        public int streamId(String label) throws Exception {
            return channel(label).id();
        }

        @Override
        public long maxMessageSizeBytes() {
            return maxMessageSizeBytes;
        }

        @Override
        public void close() {
            pc.close();
        }
    }
}
