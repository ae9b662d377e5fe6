package dev.netcode.webrtc.transport.internal;

import dev.netcode.webrtc.PeerConnectionConfig;
import dev.netcode.webrtc.ice.IceUdpMux;

/**
 * Derives the per-connection {@link PeerConnectionConfig}s of the transport from the user's base
 * configuration (which has no {@code toBuilder}): same ICE, DTLS, certificate and threads, but
 * callbacks always on the connection's event loop (the transport's channel handling relies on
 * it) and a mux or ICE-lite only where the transport wants one.
 */
public final class PeerConnectionConfigs {
    private PeerConnectionConfigs() {
    }

    /**
     * @param mux  the single-port mux to serve on, or null for own sockets
     * @param lite ICE-lite (forced by a mux anyway)
     */
    public static PeerConnectionConfig derive(PeerConnectionConfig base, IceUdpMux mux, boolean lite) {
        PeerConnectionConfig.Builder b = PeerConnectionConfig.builder()
                .ice(base.ice())
                .dtls(base.dtls())
                .certificate(base.certificate())
                .handshakeExecutor(base.handshakeExecutor())
                .eventLoopGroup(base.eventLoopGroup())
                .datagramChannelClass(base.datagramChannelClass())
                .trickle(base.trickle())
                .sctpPort(base.sctpPort())
                .maxMessageSizeBytes(base.maxMessageSizeBytes())
                .random(base.random());
        if (lite || mux != null) {
            b.iceLite(true);
        }
        if (mux != null) {
            b.udpMux(mux);
        }
        return b.build();
    }
}
