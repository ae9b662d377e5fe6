package dev.netcode.webrtc.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** TurnClient against a real coturn, over UDP and TCP to the server. */
@Timeout(90)
class TurnClientCoturnTest extends CoturnFixture {

    private static <T> T get(java.util.concurrent.CompletableFuture<T> f) throws Exception {
        return f.get(30, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @EnumSource(TurnTransport.class)
    void allocatesARelayedAddress(TurnTransport transport) throws Exception {
        TurnClient client = TurnClient.create(coturn.server(transport, "alloc-" + transport), TurnClientConfig.defaults(),
                group.next());
        try {
            InetSocketAddress relayed = get(client.allocate());
            assertThat(relayed.getAddress().getHostAddress()).isEqualTo("127.0.0.1");
            assertThat(relayed.getPort()).isBetween(49152, 65535);
            assertThat(client.mappedAddress()).isNotNull();
            assertThat(client.lifetimeSeconds()).isPositive();
            assertThat(get(client.allocate())).isEqualTo(relayed);
        } finally {
            client.close();
        }
    }

    @ParameterizedTest
    @EnumSource(TurnTransport.class)
    void twoClientsExchangeDataThroughTheirRelaysIntact(TurnTransport transport) throws Exception {
        long seed = System.nanoTime();
        System.out.println("seed " + seed);
        Random random = new Random(seed);
        TurnClient a = TurnClient.create(coturn.server(transport, "peer-a"), TurnClientConfig.defaults(), group.next());
        TurnClient b = TurnClient.create(coturn.server(transport, "peer-b"), TurnClientConfig.defaults(), group.next());
        BlockingQueue<byte[]> atB = new LinkedBlockingQueue<>();
        BlockingQueue<InetSocketAddress> sendersAtB = new LinkedBlockingQueue<>();
        BlockingQueue<byte[]> atA = new LinkedBlockingQueue<>();
        b.setListener((peer, data) -> {
            sendersAtB.add(peer);
            atB.add(ByteBufUtil.getBytes(data));
        });
        a.setListener((peer, data) -> atA.add(ByteBufUtil.getBytes(data)));
        try {
            InetSocketAddress relayA = get(a.allocate());
            InetSocketAddress relayB = get(b.allocate());

            // Phase 1: permissions only, so data goes as Send and Data indications.
            get(a.createPermission(relayB.getAddress()));
            get(b.createPermission(relayA.getAddress()));
            exchange(a, relayB, atB, random, 50);
            assertThat(sendersAtB.poll()).isEqualTo(relayA);
            exchange(b, relayA, atA, random, 50);

            // Phase 2: channels, so data goes as ChannelData (padded on TCP).
            assertThat(get(a.bindChannel(relayB))).isBetween(0x4000, 0x4FFF);
            assertThat(get(b.bindChannel(relayA))).isBetween(0x4000, 0x4FFF);
            exchange(a, relayB, atB, random, 300);
            exchange(b, relayA, atA, random, 300);
            assertThat(a.droppedDatagrams()).isZero();
            assertThat(b.droppedDatagrams()).isZero();
        } finally {
            a.close();
            b.close();
        }
    }

    /**
     * Sends {@code count} random datagrams (1..1200 bytes; odd sizes exercise TCP padding) one at a
     * time, each acknowledged by arrival, so UDP loss on a loaded machine shows as a retry instead of
     * a flaky failure; every datagram must arrive byte for byte.
     */
    private static void exchange(TurnClient from, InetSocketAddress to, BlockingQueue<byte[]> received, Random random,
                                 int count) throws Exception {
        int retries = 0;
        for (int i = 0; i < count; i++) {
            byte[] payload = new byte[1 + random.nextInt(1200)];
            random.nextBytes(payload);
            payload[0] = (byte) i;
            byte[] got = null;
            for (int attempt = 0; attempt < 5 && got == null; attempt++) {
                from.send(to, Unpooled.wrappedBuffer(payload.clone()));
                got = received.poll(2, TimeUnit.SECONDS);
                retries += got == null ? 1 : 0;
            }
            assertThat(got).as("datagram %d", i).isEqualTo(payload);
        }
        assertThat(retries).as("datagrams lost on loopback").isLessThan(count / 10 + 1);
    }

    @ParameterizedTest
    @EnumSource(TurnTransport.class)
    void wrongCredentialsFailWithATypedError(TurnTransport transport) {
        TurnServer good = coturn.server(transport, "mallory");
        TurnServer bad = new TurnServer(good.address(), transport,
                TurnCredentials.of(good.credentials().username(), "not-the-password"));
        TurnClient client = TurnClient.create(bad, TurnClientConfig.defaults(), group.next());
        try {
            assertThatThrownBy(() -> get(client.allocate())).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(TurnAuthenticationException.class)
                    .hasMessageContaining("rejected the credentials").hasMessageContaining("mallory");
            // Expired REST credentials are refused the same way.
            TurnServer expired = new TurnServer(good.address(), transport, TurnCredentials.rest(CoturnProcess.SECRET, "late",
                    Duration.ofMinutes(10), Clock.offset(Clock.systemUTC(), Duration.ofHours(-2))));
            TurnClient late = TurnClient.create(expired, TurnClientConfig.defaults(), group.next());
            try {
                assertThatThrownBy(() -> get(late.allocate())).cause().isInstanceOf(TurnAuthenticationException.class);
            } finally {
                late.close();
            }
        } finally {
            client.close();
        }
    }

    @ParameterizedTest
    @EnumSource(TurnTransport.class)
    void quotaReachedIsATypedError(TurnTransport transport) throws Exception {
        try (CoturnProcess limited = CoturnProcess.start("--user-quota", "1")) {
            TurnServer server = limited.server(transport, "greedy");
            List<TurnClient> clients = new ArrayList<>();
            try {
                TurnClient first = TurnClient.create(server, TurnClientConfig.defaults(), group.next());
                clients.add(first);
                get(first.allocate());
                TurnClient second = TurnClient.create(server, TurnClientConfig.defaults(), group.next());
                clients.add(second);
                assertThatThrownBy(() -> get(second.allocate())).cause().isInstanceOf(TurnAllocationQuotaException.class)
                        .hasMessageContaining("quota");
            } finally {
                clients.forEach(TurnClient::close);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TurnTransport.class)
    void silentServerIsUnreachableAfterRetransmissions(TurnTransport transport) throws Exception {
        // A bound UDP socket that never answers / a TCP port nobody listens on.
        try (java.net.DatagramSocket silent = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            int port = silent.getLocalPort();
            if (transport == TurnTransport.TCP) {
                try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                    port = s.getLocalPort();
                }
            }
            TurnServer server = new TurnServer(new InetSocketAddress("127.0.0.1", port), transport, TurnCredentials.of("u", "p"));
            TurnClient client = TurnClient.create(server, TurnClientConfig.defaults().withRetransmission(50, 4, 4), group.next());
            try {
                assertThatThrownBy(() -> get(client.allocate())).cause().isInstanceOf(TurnUnreachableException.class);
                if (transport == TurnTransport.UDP) {
                    byte[] buf = new byte[2048];
                    java.net.DatagramPacket p = new java.net.DatagramPacket(buf, buf.length);
                    silent.setSoTimeout(1000);
                    int requests = 0;
                    try {
                        while (true) {
                            silent.receive(p);
                            requests++;
                        }
                    } catch (java.net.SocketTimeoutException done) {
                        // all received
                    }
                    assertThat(requests).as("Rc requests").isEqualTo(4);
                }
            } finally {
                client.close();
            }
        }
    }

    /**
     * {@link TurnProbe}: a relayed address for good credentials, a {@link TurnAuthenticationException}
     * naming the server for wrong ones, and every allocation freed again (coturn logs the Refresh
     * with LIFETIME 0 of each probe).
     */
    @ParameterizedTest
    @EnumSource(TurnTransport.class)
    void probeChecksCredentialsAndFreesItsAllocation(TurnTransport transport) throws Exception {
        String user = "prober-" + transport;
        TurnServer server = coturn.server(transport, user);
        for (int i = 0; i < 3; i++) {
            InetSocketAddress relayed = TurnProbe.check(server, TurnClientConfig.defaults(), group.next())
                    .get(30, TimeUnit.SECONDS);
            assertThat(relayed.getPort()).isBetween(49152, 65535);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (coturn.freedAllocations(user) < 3 && System.nanoTime() < deadline) {
            Thread.sleep(50); // the freeing Refresh is not waited for by the probe
        }
        assertThat(coturn.freedAllocations(user)).as("allocations freed by LIFETIME 0").isEqualTo(3);
        TurnServer wrong = new TurnServer(server.address(), transport,
                TurnCredentials.of(server.credentials().username(), "wrong"));
        assertThatThrownBy(() -> TurnProbe.check(wrong, TurnClientConfig.defaults(), group.next())
                .get(30, TimeUnit.SECONDS)).cause().isInstanceOf(TurnAuthenticationException.class)
                .hasMessageContaining(server.uri()).hasMessageContaining("401");
    }
}
