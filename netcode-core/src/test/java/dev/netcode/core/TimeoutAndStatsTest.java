package dev.netcode.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netcode.core.conditioner.ConditionedTransport;
import dev.netcode.core.conditioner.LinkPreset;
import dev.netcode.core.testing.Pump;
import dev.netcode.core.testing.RecordingListener;
import dev.netcode.core.testing.TestMessages;
import dev.netcode.core.transport.Transports;
import dev.netcode.core.transport.memory.InMemoryNetwork;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class TimeoutAndStatsTest {
    private static final long SEED = 777L;
    private final InMemoryNetwork network = InMemoryNetwork.builder().build();
    private final RecordingListener serverEvents = new RecordingListener();
    private final RecordingListener clientEvents = new RecordingListener();

    @AfterEach
    void tearDown() {
        network.close();
    }

    @Test
    void silenceEndsTheConnectionWithTimeoutOnBothSides() {
        System.out.println("seed " + SEED);
        NetConfig config = NetConfig.builder("t/1").keepAliveIntervalMs(50).timeoutMs(800).build();
        ConditionedTransport cable = Transports.conditioned(network.transport(), LinkPreset.LAN, SEED);
        try (NetServer server = new NetServer(config, TestMessages.registry(), network.transport(), serverEvents);
                NetClient client = new NetClient(config, TestMessages.registry(), cable, clientEvents)) {
            server.bind("t");
            client.connect("t");
            Pump.until(Duration.ofSeconds(20), () -> client.isConnected() && serverEvents.connected.size() == 1,
                    server::update, client::update);
            // Connected and quiet (keep-alives only) for longer than the timeout: no disconnect.
            Pump.forDuration(Duration.ofMillis(1200), server::update, client::update);
            assertThat(serverEvents.disconnected).isEmpty();
            assertThat(clientEvents.disconnected).isEmpty();
            cable.setBlackout(true);
            Pump.until(Duration.ofSeconds(20), () -> serverEvents.disconnected.size() == 1
                    && clientEvents.disconnected.size() == 1, server::update, client::update);
            assertThat(serverEvents.lastReason()).isEqualTo(DisconnectReason.TIMEOUT);
            assertThat(clientEvents.lastReason()).isEqualTo(DisconnectReason.TIMEOUT);
            assertThat(clientEvents.disconnected.get(0).detail()).contains("800 ms");
        } finally {
            cable.close();
        }
    }

    @Test
    void handshakeThatNeverCompletesTimesOut() {
        NetConfig config = NetConfig.builder("t/1").handshakeTimeoutMs(300).build();
        ConditionedTransport cable = Transports.conditioned(network.transport(), LinkPreset.LAN, SEED);
        cable.setBlackout(true); // HELLO never arrives
        try (NetServer server = new NetServer(config, TestMessages.registry(), network.transport(), serverEvents);
                NetClient client = new NetClient(config, TestMessages.registry(), cable, clientEvents)) {
            server.bind("t");
            client.connect("t");
            Pump.until(Duration.ofSeconds(20), () -> serverEvents.disconnected.size() == 1
                    && clientEvents.disconnected.size() == 1, server::update, client::update);
            assertThat(serverEvents.lastReason()).isEqualTo(DisconnectReason.TIMEOUT);
            assertThat(clientEvents.lastReason()).isEqualTo(DisconnectReason.TIMEOUT);
            assertThat(clientEvents.disconnected.get(0).detail()).contains("handshake");
        } finally {
            cable.close();
        }
    }

    @Test
    void statsMeasureRttJitterAndRatesThroughTheConditioner() {
        System.out.println("seed " + SEED);
        NetConfig config = NetConfig.builder("t/1").keepAliveIntervalMs(20).build();
        ConditionedTransport conditioned = Transports.conditioned(network.transport(), LinkPreset.BROADBAND_P50, SEED);
        try (NetServer server = new NetServer(config, TestMessages.registry(), network.transport(), serverEvents);
                NetClient client = new NetClient(config, TestMessages.registry(), conditioned, clientEvents)) {
            server.bind("t");
            client.connect("t");
            Pump.until(Duration.ofSeconds(20), () -> client.isConnected(), server::update, client::update);
            long end = System.nanoTime() + 2_500_000_000L;
            int i = 0;
            while (System.nanoTime() < end) {
                client.send(new TestMessages.Counter(1, i++), Channel.UNRELIABLE_SEQUENCED);
                Pump.forDuration(Duration.ofMillis(10), server::update, client::update);
            }
            ConnectionStats stats = client.connection().stats();
            System.out.println("client stats: " + stats);
            // broadband-p50 is 66 ms RTT with 11 ms jitter; allow for scheduling on a loaded machine.
            assertThat(stats.smoothedRttMs()).isBetween(50.0, 150.0);
            assertThat(stats.rttJitterMs()).isBetween(0.5, 60.0);
            assertThat(stats.messagesOut()).isEqualTo(i);
            assertThat(stats.bytesOutPerSecond()).isGreaterThan(100);
            assertThat(stats.messagesOutPerSecond()).isBetween(20.0, 150.0);
            assertThat(stats.lossInPercent()).isBetween(0.0, 30.0);
            ConnectionStats serverSide = server.connections().get(0).stats();
            assertThat(serverSide.messagesIn() + serverSide.staleMessagesDropped()).isLessThanOrEqualTo(i);
            assertThat(serverSide.bytesInPerSecond()).isGreaterThan(100);
        } finally {
            conditioned.close();
        }
    }
}
