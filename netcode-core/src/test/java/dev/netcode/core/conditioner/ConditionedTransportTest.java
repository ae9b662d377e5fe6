package dev.netcode.core.conditioner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netcode.core.Channel;
import dev.netcode.core.testing.Pump;
import dev.netcode.core.transport.BackpressureException;
import dev.netcode.core.transport.TransportConnection;
import dev.netcode.core.transport.conformance.RecordingHandler;
import dev.netcode.core.transport.memory.InMemoryNetwork;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The conditioner's knobs one by one, on the in-memory transport. */
@Timeout(60)
class ConditionedTransportTest {
    private static final long SEED = 1234L;
    private final InMemoryNetwork network = InMemoryNetwork.builder().maxMessageSizeBytes(16 * 1024).maxBufferedBytes(64 * 1024).build();
    private ConditionedTransport conditioned;
    private final RecordingHandler serverHandler = new RecordingHandler();
    private final RecordingHandler clientHandler = new RecordingHandler();

    @AfterEach
    void tearDown() {
        if (conditioned != null) {
            conditioned.close();
        }
        network.close();
    }

    private TransportConnection open(LinkConditions up) throws Exception {
        System.out.println("seed " + SEED);
        conditioned = new ConditionedTransport(network.transport(),
                new LinkProfile("test", up, LinkConditions.PERFECT), SEED);
        CompletableFuture<TransportConnection> accepted = new CompletableFuture<>();
        network.transport().listen("x", c -> {
            accepted.complete(c);
            return serverHandler;
        });
        TransportConnection client = conditioned.connect("x", clientHandler).get(10, TimeUnit.SECONDS);
        accepted.get(10, TimeUnit.SECONDS);
        return client;
    }

    private static ByteBuffer numbered(int i) {
        return ByteBuffer.allocate(4).putInt(0, i);
    }

    private List<Integer> received() {
        return serverHandler.messages().stream().map(m -> ByteBuffer.wrap(m.data()).getInt()).toList();
    }

    @Test
    void lossDropsAboutTheConfiguredShareOfUnreliableMessages() throws Exception {
        TransportConnection c = open(LinkConditions.of(1, 0, 20));
        for (int i = 0; i < 2000; i++) {
            c.send(Channel.UNRELIABLE, numbered(i));
        }
        c.send(Channel.RELIABLE_ORDERED, numbered(-1));
        Pump.until(Duration.ofSeconds(20), () -> received().contains(-1));
        Thread.sleep(100);
        int got = received().size() - 1;
        System.out.println("delivered " + got + " of 2000 at 20 % loss");
        assertThat(got).isBetween(1500, 1700);
    }

    @Test
    void duplicationDeliversSomeMessagesTwice() throws Exception {
        TransportConnection c = open(LinkConditions.of(1, 0, 0).withDuplicatePercent(25));
        for (int i = 0; i < 1000; i++) {
            c.send(Channel.UNRELIABLE, numbered(i));
        }
        Pump.until(Duration.ofSeconds(20), () -> received().size() >= 1150);
        Thread.sleep(100);
        assertThat(received().size()).isBetween(1150, 1350);
        assertThat(received().stream().distinct().count()).isEqualTo(1000);
    }

    @Test
    void reorderingAndJitterReorderUnreliableButNeverReliable() throws Exception {
        TransportConnection c = open(LinkConditions.of(5, 4, 10).withReorderPercent(20));
        for (int i = 0; i < 300; i++) {
            c.send(Channel.UNRELIABLE, numbered(i));
            c.send(Channel.RELIABLE_ORDERED, numbered(100_000 + i));
        }
        Pump.until(Duration.ofSeconds(30), () -> received().stream().filter(v -> v >= 100_000).count() == 300);
        Thread.sleep(200);
        List<Integer> unreliable = received().stream().filter(v -> v < 100_000).toList();
        List<Integer> reliable = received().stream().filter(v -> v >= 100_000).toList();
        int inversions = 0;
        for (int i = 1; i < unreliable.size(); i++) {
            if (unreliable.get(i) < unreliable.get(i - 1)) {
                inversions++;
            }
        }
        System.out.println("unreliable inversions " + inversions + " of " + unreliable.size());
        assertThat(inversions).isPositive();
        assertThat(reliable).isSorted().hasSize(300).doesNotHaveDuplicates();
    }

    @Test
    void latencyDelaysDelivery() throws Exception {
        TransportConnection c = open(LinkConditions.of(80, 0, 0));
        long start = System.nanoTime();
        c.send(Channel.RELIABLE_ORDERED, numbered(1));
        Pump.until(Duration.ofSeconds(10), () -> serverHandler.size() == 1);
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(elapsedMs).isGreaterThanOrEqualTo(79);
    }

    @Test
    void bandwidthCapPacesAndHoldsBackAFastSender() throws Exception {
        int kbps = 400; // 50 kB/s
        TransportConnection c = open(LinkConditions.PERFECT.withBandwidthKbps(kbps));
        byte[] chunk = new byte[1000];
        int total = 100; // 100 kB: at least 2 s at 50 kB/s
        long start = System.nanoTime();
        int backpressured = 0;
        for (int i = 0; i < total; i++) {
            while (true) {
                try {
                    c.send(Channel.RELIABLE_ORDERED, ByteBuffer.wrap(chunk));
                    break;
                } catch (BackpressureException e) {
                    backpressured++;
                    assertThat(c.bufferedBytes()).isLessThanOrEqualTo(c.maxBufferedBytes());
                    Thread.sleep(5);
                }
            }
        }
        Pump.until(Duration.ofSeconds(30), () -> serverHandler.size() == total);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("100 kB through a %d kbit/s cap in %.2f s, %d backpressure signals%n", kbps, seconds, backpressured);
        assertThat(seconds).isGreaterThanOrEqualTo(1.8);
        assertThat(backpressured).isPositive();
    }

    @Test
    void presetsAreTheDocumentedRoundTripFigures() {
        assertThat(LinkPreset.fromName("broadband-p50").profile().up()).isEqualTo(LinkConditions.of(33, 5.5, 3));
        assertThat(LinkPreset.fromName("4g-p95").profile().down()).isEqualTo(LinkConditions.of(92.5, 7.5, 6));
        assertThat(LinkPreset.fromName("UNPLAYABLE").profile().up()).isEqualTo(LinkConditions.of(150, 200, 30));
        assertThat(LinkPreset.fromName("lan").profile().up()).isEqualTo(LinkConditions.of(0.5, 0, 0));
        assertThat(LinkPreset.fromName("broadband_p95").profile().up()).isEqualTo(LinkConditions.of(75.5, 5.5, 4));
        assertThatThrownBy(() -> LinkPreset.fromName("dialup")).hasMessageContaining("broadband-p50");
        assertThatThrownBy(() -> LinkConditions.of(-1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LinkConditions.of(1, 0, 101)).isInstanceOf(IllegalArgumentException.class);
    }
}
