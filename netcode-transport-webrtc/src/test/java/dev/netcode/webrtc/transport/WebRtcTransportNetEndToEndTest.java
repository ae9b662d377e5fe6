package dev.netcode.webrtc.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netcode.core.Channel;
import dev.netcode.core.DisconnectReason;
import dev.netcode.core.NetClient;
import dev.netcode.core.NetConfig;
import dev.netcode.core.NetServer;
import dev.netcode.core.conditioner.LinkPreset;
import dev.netcode.core.testing.Pump;
import dev.netcode.core.testing.RecordingListener;
import dev.netcode.core.testing.TestMessages;
import dev.netcode.core.transport.Transport;
import dev.netcode.core.transport.Transports;
import dev.netcode.core.transport.conformance.TransportConformanceTest;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Core's {@code NetServer} and {@code NetClient} over real WebRTC on loopback: the handshake
 * (HELLO/WELCOME and the registration check), a reliable message each way and an unreliable one,
 * then an orderly disconnect seen by the server. Once plain, once through the link conditioner at
 * the {@code broadband-p50} preset.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class WebRtcTransportNetEndToEndTest {
    private static final long SEED = 0xe2e;
    private static final Duration TIMEOUT = Duration.ofSeconds(40);

    @Test
    void netServerAndNetClientRunOverWebRtc() throws Exception {
        System.out.println("[webrtc-e2e] seed " + SEED);
        try (TransportConformanceTest.Fixture f = WebRtcTestSupport.fixture(SEED)) {
            runSession(f.serverTransport(), f.clientTransport(), f.address());
        }
    }

    @Test
    void netServerAndNetClientRunOverWebRtcThroughTheConditioner() throws Exception {
        System.out.println("[webrtc-e2e] conditioned broadband-p50, seed " + SEED);
        try (TransportConformanceTest.Fixture f = WebRtcTestSupport.fixture(SEED + 1)) {
            Transport conditioned = Transports.conditioned(f.clientTransport(), LinkPreset.BROADBAND_P50, SEED);
            try {
                runSession(f.serverTransport(), conditioned, f.address());
            } finally {
                conditioned.close();
            }
        }
    }

    private static void runSession(Transport serverTransport, Transport clientTransport, String address) {
        RecordingListener serverEvents = new RecordingListener();
        RecordingListener clientEvents = new RecordingListener();
        NetConfig config = NetConfig.builder("webrtc-e2e/1").build();
        try (NetServer server = new NetServer(config, TestMessages.registry(), serverTransport, serverEvents);
                NetClient client = new NetClient(config, TestMessages.registry(), clientTransport, clientEvents)) {
            server.bind(address);
            client.connect(address);
            Pump.until(TIMEOUT, () -> clientEvents.connected.size() == 1 && serverEvents.connected.size() == 1,
                    server::update, client::update);

            client.send(new TestMessages.Text("hello over a data channel"), Channel.RELIABLE_ORDERED);
            Pump.until(TIMEOUT, () -> !serverEvents.messages(TestMessages.Text.class).isEmpty(), server::update, client::update);
            assertThat(serverEvents.messages(TestMessages.Text.class).get(0).text).isEqualTo("hello over a data channel");
            assertThat(serverEvents.received.get(0).channel()).isEqualTo(Channel.RELIABLE_ORDERED);

            server.sendToAll(new TestMessages.Text("welcome"), Channel.RELIABLE_ORDERED);
            Pump.until(TIMEOUT, () -> !clientEvents.messages(TestMessages.Text.class).isEmpty(), server::update, client::update);
            assertThat(clientEvents.messages(TestMessages.Text.class).get(0).text).isEqualTo("welcome");

            // Unreliable may drop (the conditioner loses ~3 %): repeat until one is through.
            int sent = 0;
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (serverEvents.messages(TestMessages.Counter.class).isEmpty() && System.nanoTime() < deadline) {
                client.send(new TestMessages.Counter(1, sent++), Channel.UNRELIABLE);
                Pump.forDuration(Duration.ofMillis(100), server::update, client::update);
            }
            assertThat(serverEvents.messages(TestMessages.Counter.class)).as("an unreliable message after %d sends", sent)
                    .isNotEmpty();
            assertThat(serverEvents.received.stream().filter(r -> r.message() instanceof TestMessages.Counter)
                    .findFirst().orElseThrow().channel()).isEqualTo(Channel.UNRELIABLE);
            assertThat(server.connections().get(0).remoteAddress()).contains("webrtc:player/");

            client.close();
            Pump.until(TIMEOUT, () -> !serverEvents.disconnected.isEmpty(), server::update);
            assertThat(serverEvents.lastReason()).isEqualTo(DisconnectReason.PEER_CLOSED);
            System.out.println("[webrtc-e2e] unreliable sends until one arrived: " + sent);
        }
    }
}
