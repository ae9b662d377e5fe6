package dev.netcode.webrtc.transport;

import dev.netcode.core.conditioner.LinkPreset;
import dev.netcode.core.transport.Transport;
import dev.netcode.core.transport.Transports;
import dev.netcode.core.transport.conformance.TransportConformanceTest;
import org.junit.jupiter.api.Tag;

/**
 * The conformance kit over real WebRTC with the player's side behind core's link conditioner at
 * {@code broadband-p95} (151 ms RTT, 11 ms jitter, 4 % loss): what a game's client would run in a
 * playtest with {@code --preset broadband-p95}.
 */
@Tag("slow")
class WebRtcTransportConditionedConformanceTest extends TransportConformanceTest {
    static final long SEED = 20_261_126L;

    @Override
    protected Fixture newFixture() {
        System.out.println("[webrtc-conformance] conditioned broadband-p95, seed " + SEED);
        Fixture plain = WebRtcTestSupport.fixture(SEED);
        Transport client = Transports.conditioned(plain.clientTransport(), LinkPreset.BROADBAND_P95, SEED);
        return new Fixture() {
            @Override
            public Transport serverTransport() {
                return plain.serverTransport();
            }

            @Override
            public Transport clientTransport() {
                return client;
            }

            @Override
            public String address() {
                return plain.address();
            }

            @Override
            public void close() {
                client.close();
                plain.close();
            }
        };
    }
}
