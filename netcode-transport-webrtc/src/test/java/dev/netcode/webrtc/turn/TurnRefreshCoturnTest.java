package dev.netcode.webrtc.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netcode.webrtc.PeerConnection;
import dev.netcode.webrtc.PeerConnectionConfig;
import dev.netcode.webrtc.PeerConnectionListener;
import dev.netcode.webrtc.PeerConnectionState;
import dev.netcode.webrtc.SessionDescriptionInit;
import dev.netcode.webrtc.datachannel.DataChannel;
import dev.netcode.webrtc.datachannel.DataChannelListener;
import dev.netcode.webrtc.datachannel.DataChannelParameters;
import dev.netcode.webrtc.ice.IceConfig;
import dev.netcode.webrtc.ice.IceTransportPolicy;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The figures, for real: a coturn that grants 60-second lifetimes (allocations, and
 * permissions and channels too) and lets nonces go stale every 30 s (438), and a 3-minute session
 * that exchanges messages through the relays all along, in both directions. Two sessions run side
 * by side for the same 3 minutes:
 *
 * <ul>
 *   <li>two bare {@link TurnClient}s (one over UDP, one over TCP to the server) bound to each other
 *       by channels, one datagram each way every second: at the end every Refresh succeeded (at
 *       least 5 each, none lost), the relayed addresses are the first ones, and datagrams still
 *       flow at t ≥ 180 s;</li>
 *   <li>two relay-only {@link PeerConnection}s (UDP and TCP to coturn), one reliable DataChannel
 *       message echoed every second: the connection never leaves CONNECTED, every message comes
 *       back in order, one still does at t ≥ 180 s, and coturn's log shows at least 5 successful
 *       refreshes of each ICE agent's allocation (the agents' clients are internal).</li>
 * </ul>
 *
 * <p>With a 60-second allocation the client refreshes after 30 s; a single missed refresh would
 * let coturn delete the allocation within the session and stop the traffic.
 */
@Tag("slow")
class TurnRefreshCoturnTest {
    private static final int LIFETIME_S = 60;
    private static final int SESSION_S = 180;
    /** Refreshes due within the session: one every LIFETIME_S / 2, the last right at the end not counted. */
    private static final int MIN_REFRESHES = SESSION_S / (LIFETIME_S / 2) - 1;

    @Test
    @Timeout(value = 330, unit = TimeUnit.SECONDS)
    void sixtySecondAllocationsOutliveAThreeMinuteSession() throws Exception {
        long seed = System.nanoTime();
        System.out.println("TurnRefreshCoturnTest seed=" + seed + " lifetime " + LIFETIME_S + " s session " + SESSION_S + " s");
        Random random = new Random(seed);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        // coturn 4.6 only takes these options in the --name=value form.
        String lifetime = Integer.toString(LIFETIME_S);
        try (CoturnProcess coturn = CoturnProcess.start("--max-allocate-lifetime=" + lifetime,
                "--permission-lifetime=" + lifetime, "--channel-lifetime=" + lifetime,
                "--stale-nonce=" + (LIFETIME_S / 2))) {
            // coturn 4.6 raises a requested LIFETIME below 600 s to 600 s on Refresh (and only caps
            // requests above --max-allocate-lifetime), so a client asking for 60 s would get 60 s once
            // and 600 s after its first refresh. Asking for an hour makes the cap grant 60 s every time.
            // Permissions and channels (60 s here instead of 300/600) are refreshed at 40 % of their lifetime.
            TurnClientConfig config = TurnClientConfig.defaults().withRequestedLifetimeSeconds(3600)
                    .withRefreshIntervals(LIFETIME_S * 400, LIFETIME_S * 400);
            RawSession raw = new RawSession(coturn, config, group, random);
            PeerSession peers = new PeerSession(coturn, config, group, random);
            try {
                raw.start();
                peers.start();
                long startNs = System.nanoTime();
                long endNs = startNs + TimeUnit.SECONDS.toNanos(SESSION_S);
                int second = 0;
                while (System.nanoTime() < endNs) {
                    raw.exchange(random);
                    peers.send(random);
                    second++;
                    long nextNs = startNs + TimeUnit.SECONDS.toNanos(second);
                    long sleepMs = TimeUnit.NANOSECONDS.toMillis(nextNs - System.nanoTime());
                    if (sleepMs > 0) {
                        Thread.sleep(sleepMs);
                    }
                }
                long atSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNs);
                assertThat(atSeconds).isGreaterThanOrEqualTo(SESSION_S);
                raw.checkAtTheEnd(atSeconds);
                peers.checkAtTheEnd(atSeconds);
                System.out.println("raw: refreshes udp=" + raw.a.refreshCount() + " tcp=" + raw.b.refreshCount()
                        + ", delivered " + raw.delivered + "/" + raw.sent + " each way; peers: " + peers.echoed.get()
                        + "/" + peers.sent + " echoed, coturn refreshes offerer=" + coturn.successfulRefreshes("pc-offerer")
                        + " answerer=" + coturn.successfulRefreshes("pc-answerer"));
                assertThat(coturn.successfulRefreshes("pc-offerer")).as("ICE agent (UDP) refreshes seen by coturn")
                        .isGreaterThanOrEqualTo(MIN_REFRESHES);
                assertThat(coturn.successfulRefreshes("pc-answerer")).as("ICE agent (TCP) refreshes seen by coturn")
                        .isGreaterThanOrEqualTo(MIN_REFRESHES);
            } finally {
                raw.close();
                peers.close();
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** Two bare clients; B echoes whatever A sends back to A. */
    private static final class RawSession {
        final TurnClient a;
        final TurnClient b;
        final BlockingQueue<byte[]> atA = new LinkedBlockingQueue<>();
        final List<TurnException> lost = new CopyOnWriteArrayList<>();
        InetSocketAddress relayA;
        InetSocketAddress relayB;
        int sent;
        int delivered;

        RawSession(CoturnProcess coturn, TurnClientConfig config, EventLoopGroup group, Random random) {
            a = TurnClient.create(coturn.server(TurnTransport.UDP, "raw-udp"), config, group.next());
            b = TurnClient.create(coturn.server(TurnTransport.TCP, "raw-tcp"), config, group.next());
        }

        void start() throws Exception {
            a.setListener(new TurnClientListener() {
                @Override
                public void onData(InetSocketAddress peer, io.netty.buffer.ByteBuf data) {
                    atA.add(ByteBufUtil.getBytes(data));
                }

                @Override
                public void onAllocationLost(TurnException cause) {
                    lost.add(cause);
                }
            });
            b.setListener(new TurnClientListener() {
                @Override
                public void onData(InetSocketAddress peer, io.netty.buffer.ByteBuf data) {
                    b.send(peer, Unpooled.copiedBuffer(data)); // on b's loop: data is released after the call
                }

                @Override
                public void onAllocationLost(TurnException cause) {
                    lost.add(cause);
                }
            });
            relayA = a.allocate().get(30, TimeUnit.SECONDS);
            relayB = b.allocate().get(30, TimeUnit.SECONDS);
            assertThat(a.lifetimeSeconds()).as("lifetime coturn granted").isEqualTo(LIFETIME_S);
            assertThat(b.lifetimeSeconds()).as("lifetime coturn granted").isEqualTo(LIFETIME_S);
            a.bindChannel(relayB).get(30, TimeUnit.SECONDS);
            b.bindChannel(relayA).get(30, TimeUnit.SECONDS);
        }

        /** One datagram A → B → A; UDP may lose one on a loaded machine, so this only counts. */
        void exchange(Random random) throws InterruptedException {
            byte[] payload = new byte[1 + random.nextInt(1_000)];
            random.nextBytes(payload);
            a.send(relayB, Unpooled.wrappedBuffer(payload.clone()));
            sent++;
            byte[] got = atA.poll(900, TimeUnit.MILLISECONDS);
            while (got != null && !Arrays.equals(got, payload)) {
                got = atA.poll(100, TimeUnit.MILLISECONDS); // a late echo of an earlier datagram
            }
            if (got != null) {
                delivered++;
            }
        }

        void checkAtTheEnd(long atSeconds) throws InterruptedException {
            byte[] last = {(byte) 0xCA, (byte) 0xFE, (byte) atSeconds};
            byte[] got = null;
            for (int i = 0; i < 5 && got == null; i++) {
                a.send(relayB, Unpooled.wrappedBuffer(last.clone()));
                got = atA.poll(2, TimeUnit.SECONDS);
                while (got != null && !Arrays.equals(got, last)) {
                    got = atA.poll(2, TimeUnit.SECONDS);
                }
            }
            assertThat(got).as("a round trip through both relays at t=%d s", atSeconds).isEqualTo(last);
            assertThat(delivered).as("round trips of %d", sent).isGreaterThanOrEqualTo(sent * 9 / 10);
            assertThat(lost).as("allocations lost").isEmpty();
            assertThat(a.refreshCount()).as("UDP client refreshes").isGreaterThanOrEqualTo(MIN_REFRESHES);
            assertThat(b.refreshCount()).as("TCP client refreshes").isGreaterThanOrEqualTo(MIN_REFRESHES);
            assertThat(a.relayedAddress()).isEqualTo(relayA);
            assertThat(b.relayedAddress()).isEqualTo(relayB);
            assertThat(a.lifetimeSeconds()).isEqualTo(LIFETIME_S);
        }

        void close() {
            a.close();
            b.close();
        }
    }

    /** Two relay-only peer connections; the answerer echoes on the one channel the offerer opens. */
    private static final class PeerSession {
        final PeerConnection offerer;
        final PeerConnection answerer;
        final List<PeerConnectionState> offererStates = new CopyOnWriteArrayList<>();
        final List<PeerConnectionState> answererStates = new CopyOnWriteArrayList<>();
        final List<byte[]> messages = new ArrayList<>();
        final AtomicInteger echoed = new AtomicInteger();
        final CompletableFuture<Void> failed = new CompletableFuture<>();
        volatile DataChannel channel;
        int sent;
        InetSocketAddress selectedLocal;

        PeerSession(CoturnProcess coturn, TurnClientConfig turnConfig, EventLoopGroup group, Random random) {
            offerer = PeerConnection.create(config(coturn.server(TurnTransport.UDP, "pc-offerer"), turnConfig, group, random));
            answerer = PeerConnection.create(config(coturn.server(TurnTransport.TCP, "pc-answerer"), turnConfig, group, random));
        }

        private static PeerConnectionConfig config(TurnServer server, TurnClientConfig turnConfig, EventLoopGroup group,
                                                   Random random) {
            IceConfig ice = IceConfig.builder()
                    .hostAddresses(List.of(InetAddress.getLoopbackAddress()))
                    .random(new Random(random.nextLong()))
                    .consentIntervalMs(1000)
                    .disconnectedTimeoutMs(8000)
                    .failedTimeoutMs(30_000)
                    .checkingTimeoutMs(30_000)
                    .turnServers(List.of(server))
                    .transportPolicy(IceTransportPolicy.RELAY)
                    .turnClientConfig(turnConfig)
                    .relayGatherTimeoutMs(10_000)
                    .build();
            return PeerConnectionConfig.builder().ice(ice).random(new Random(random.nextLong())).eventLoopGroup(group).build();
        }

        void start() throws Exception {
            offerer.addListener(new PeerConnectionListener() {
                @Override
                public void onConnectionStateChange(PeerConnectionState previous, PeerConnectionState current) {
                    offererStates.add(current);
                }
            });
            answerer.addListener(new PeerConnectionListener() {
                @Override
                public void onConnectionStateChange(PeerConnectionState previous, PeerConnectionState current) {
                    answererStates.add(current);
                }
            });
            CoturnFixture.echoEveryChannel(answerer);
            offerer.setLocalDescription(offerer.createOffer().get(5, TimeUnit.SECONDS)).get(5, TimeUnit.SECONDS);
            SessionDescriptionInit offer = offerer.localDescriptionWithAllCandidates().get(30, TimeUnit.SECONDS);
            answerer.setRemoteDescription(offer).get(5, TimeUnit.SECONDS);
            answerer.setLocalDescription(answerer.createAnswer().get(5, TimeUnit.SECONDS)).get(5, TimeUnit.SECONDS);
            SessionDescriptionInit answer = answerer.localDescriptionWithAllCandidates().get(30, TimeUnit.SECONDS);
            offerer.setRemoteDescription(answer).get(5, TimeUnit.SECONDS);
            assertThat(offer.sdp()).contains(" typ relay ");
            assertThat(answer.sdp()).contains(" typ relay ");
            CompletableFuture<DataChannel> opened = new CompletableFuture<>();
            offerer.eventLoop().submit(() -> offerer.createDataChannel("refresh", DataChannelParameters.DEFAULT)
                    .setListener(new DataChannelListener() {
                        @Override
                        public void onOpen(DataChannel c) {
                            opened.complete(c);
                        }

                        @Override
                        public void onBinaryMessage(DataChannel c, ByteBuffer message) {
                            byte[] got = new byte[message.remaining()];
                            message.get(got);
                            int i = echoed.get();
                            if (i >= messages.size() || !Arrays.equals(messages.get(i), got)) {
                                failed.completeExceptionally(new AssertionError("echo " + i + " out of order or corrupt"));
                                return;
                            }
                            echoed.incrementAndGet();
                        }

                        @Override
                        public void onClose(DataChannel c) {
                            failed.completeExceptionally(new AssertionError("channel closed after " + echoed.get() + " echoes"));
                        }
                    })).get(5, TimeUnit.SECONDS);
            offerer.connected().get(30, TimeUnit.SECONDS);
            answerer.connected().get(30, TimeUnit.SECONDS);
            channel = opened.get(30, TimeUnit.SECONDS);
            selectedLocal = offerer.localAddress();
        }

        /** One reliable message; its echo may come later, checked in order on arrival. */
        void send(Random random) throws Exception {
            byte[] m = new byte[1 + random.nextInt(1_000)];
            random.nextBytes(m);
            // Appended before sending, on the loop that also checks the echoes.
            offerer.eventLoop().submit(() -> {
                messages.add(m);
                channel.send(m);
            }).get(5, TimeUnit.SECONDS);
            sent++;
        }

        void checkAtTheEnd(long atSeconds) throws Exception {
            send(new Random(atSeconds));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (echoed.get() < sent && !failed.isDone() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            if (failed.isDone()) {
                failed.get(); // throws the AssertionError
            }
            assertThat(echoed.get()).as("reliable echoes at t=%d s", atSeconds).isEqualTo(sent);
            assertThat(offererStates).as("offerer states after connecting").containsOnly(PeerConnectionState.CONNECTING,
                    PeerConnectionState.CONNECTED);
            assertThat(answererStates).as("answerer states after connecting").containsOnly(PeerConnectionState.CONNECTING,
                    PeerConnectionState.CONNECTED);
            assertThat(offerer.connectionState()).isEqualTo(PeerConnectionState.CONNECTED);
            assertThat(offerer.localAddress()).as("still on the first relay").isEqualTo(selectedLocal);
            assertThat(offerer.selectedRemoteCandidate().type()).isEqualTo(dev.netcode.webrtc.ice.IceCandidateType.RELAYED);
        }

        void close() {
            offerer.close();
            answerer.close();
        }
    }
}
