package dev.netcode.webrtc.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netcode.core.Channel;
import dev.netcode.core.testing.Pump;
import dev.netcode.core.transport.conformance.RecordingHandler;
import dev.netcode.webrtc.PeerConnection;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The transport relays an ICE restart without application code: the player's peer connection
 * restarts ({@code restartIce()}, what consent loss triggers on its own), the transport signals the
 * new offer, the host's connection (ICE-lite on the single-port mux) answers it on the same
 * connection, both reach generation 1, and reliable messages sent before, during and after keep
 * arriving exactly once, in order, on a connection that never closes.
 */
@Timeout(60)
class WebRtcTransportIceRestartTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void theTransportRelaysAnIceRestartAndTheConnectionCarriesOn() throws Exception {
        long seed = Long.getLong("netcode.restart.seed", 0x1ce5L);
        System.out.println("WebRtcTransportIceRestartTest seed=" + seed);
        Random random = new Random(seed);
        try (LoopbackSignaling hub = new LoopbackSignaling();
             WebRtcTransport host = WebRtcTransport.create(hub.endpoint("host"), WebRtcTestSupport.loopbackConfig(random).build());
             WebRtcTransport player = WebRtcTransport.create(hub.endpoint("player"), WebRtcTestSupport.loopbackConfig(random).build())) {
            List<WebRtcTransportConnection> accepted = new CopyOnWriteArrayList<>();
            RecordingHandler atHost = new RecordingHandler();
            host.listen("host", c -> {
                accepted.add((WebRtcTransportConnection) c);
                return atHost;
            });
            RecordingHandler atPlayer = new RecordingHandler();
            WebRtcTransportConnection connection = (WebRtcTransportConnection) player.connect("host", atPlayer)
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Pump.until(TIMEOUT, () -> accepted.size() == 1);
            PeerConnection playerPc = connection.peerConnection();
            PeerConnection hostPc = accepted.get(0).peerConnection();
            String ufragBefore = hostPc.localIceCredentials().ufrag();

            int sent = 0;
            for (; sent < 50; sent++) {
                connection.send(Channel.RELIABLE_ORDERED, ByteBuffer.allocate(4).putInt(0, sent));
            }
            playerPc.restartIce();
            for (; sent < 100; sent++) {
                connection.send(Channel.RELIABLE_ORDERED, ByteBuffer.allocate(4).putInt(0, sent));
            }
            Pump.until(TIMEOUT, () -> playerPc.iceGeneration() == 1 && hostPc.iceGeneration() == 1
                    && playerPc.iceConnectionState().isConnected() && hostPc.iceConnectionState().isConnected());
            for (; sent < 150; sent++) {
                connection.send(Channel.RELIABLE_ORDERED, ByteBuffer.allocate(4).putInt(0, sent));
            }
            int total = sent;
            Pump.until(TIMEOUT, () -> atHost.size() == total);

            List<RecordingHandler.Message> got = atHost.messages();
            for (int i = 0; i < total; i++) {
                assertThat(ByteBuffer.wrap(got.get(i).data()).getInt()).as("message %d", i).isEqualTo(i);
            }
            assertThat(hostPc.localIceCredentials().ufrag()).isNotEqualTo(ufragBefore);
            assertThat(connection.isOpen()).isTrue();
            assertThat(accepted.get(0).isOpen()).isTrue();
            assertThat(atHost.closedCount.get()).isZero();
            assertThat(atPlayer.closedCount.get()).isZero();
        }
    }
}
