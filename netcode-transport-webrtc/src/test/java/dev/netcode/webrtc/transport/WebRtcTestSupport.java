package dev.netcode.webrtc.transport;

import dev.netcode.core.transport.conformance.TransportConformanceTest;
import dev.netcode.webrtc.PeerConnectionConfig;
import dev.netcode.webrtc.ice.IceConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Random;

/** Loopback WebRTC transports for tests: real ICE, DTLS and SCTP on 127.0.0.1, signaling in process. */
final class WebRtcTestSupport {
    private WebRtcTestSupport() {
    }

    /** Loopback-only ICE with test-friendly timers and seeded randomness. */
    static WebRtcTransportConfig.Builder loopbackConfig(Random random) {
        IceConfig ice = IceConfig.builder()
                .hostAddresses(List.of(InetAddress.getLoopbackAddress()))
                .random(new Random(random.nextLong()))
                .checkRtoMs(100)
                .nominationDelayMs(20)
                .consentIntervalMs(500)
                .disconnectedTimeoutMs(3000)
                .failedTimeoutMs(10_000)
                .checkingTimeoutMs(20_000)
                .build();
        PeerConnectionConfig pc = PeerConnectionConfig.builder().ice(ice).random(new Random(random.nextLong())).build();
        return WebRtcTransportConfig.builder()
                .peerConnection(pc)
                .singlePortAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .random(new Random(random.nextLong()));
    }

    /** A host transport ("host") and a player transport ("player") on one hub. */
    static TransportConformanceTest.Fixture fixture(long seed) {
        Random random = new Random(seed);
        LoopbackSignaling hub = new LoopbackSignaling();
        WebRtcTransport server = WebRtcTransport.create(hub.endpoint("host"), loopbackConfig(random).build());
        WebRtcTransport client = WebRtcTransport.create(hub.endpoint("player"), loopbackConfig(random).build());
        return new TransportConformanceTest.Fixture() {
            @Override
            public WebRtcTransport serverTransport() {
                return server;
            }

            @Override
            public WebRtcTransport clientTransport() {
                return client;
            }

            @Override
            public String address() {
                return "host";
            }

            @Override
            public void close() {
                client.close();
                server.close();
                hub.close();
            }
        };
    }
}
