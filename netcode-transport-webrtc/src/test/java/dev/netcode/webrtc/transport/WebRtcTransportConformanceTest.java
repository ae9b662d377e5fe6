package dev.netcode.webrtc.transport;

import dev.netcode.core.transport.conformance.TransportConformanceTest;

/**
 * Core's transport conformance kit over real WebRTC on loopback: two {@link WebRtcTransport}s
 * (the host in single-port ICE-lite mode, the player with full ICE) signaling through
 * {@link LoopbackSignaling}.
 */
class WebRtcTransportConformanceTest extends TransportConformanceTest {
    static final long SEED = 0x5eb7c;

    @Override
    protected Fixture newFixture() {
        System.out.println("[webrtc-conformance] seed " + SEED);
        return WebRtcTestSupport.fixture(SEED);
    }
}
