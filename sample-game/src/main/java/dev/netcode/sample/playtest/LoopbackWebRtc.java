package dev.netcode.sample.playtest;

import dev.netcode.webrtc.PeerConnectionConfig;
import dev.netcode.webrtc.dtls.DtlsHandshakeExecutor;
import dev.netcode.webrtc.ice.IceConfig;
import dev.netcode.webrtc.transport.WebRtcTransportConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Random;

/**
 * WebRTC transport configurations for a playtest where the host and every bot live in one JVM on
 * loopback, with one DTLS handshake pool for the host and another for the bots.
 *
 * <h2>Why two pools</h2>
 * BouncyCastle's DTLS handshake blocks its thread until the peer's next flight arrives. With the
 * shared default pool ({@code max(16, 4 × cores)} threads) and N bots, a burst of joins puts N
 * client handshakes and N server handshakes on the same pool. When the clients take every thread
 * first, the host's server handshakes wait in the queue behind clients that are waiting for them:
 * every handshake stalls until its timeout (ICE completed, DTLS connecting). It shows up as soon as
 * bots reach half the pool (8 bots on a 2-core machine, when anything else holds a thread) or when
 * the JVM is starved of CPU. A host in its own process never sees this; in a one-process playtest
 * the host gets its own pool, so a server handshake always finds a thread.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>{@link #close()} the pools after the transports.</li>
 *   <li>Candidates are pinned to 127.0.0.1 so the run works on a loopback-only machine.</li>
 * </ul>
 */
final class LoopbackWebRtc implements AutoCloseable {
    /** Handshakes each side runs at once by default: every bot of a full arena at once. */
    static final int DEFAULT_HANDSHAKE_THREADS = 16;

    private final Random random;
    private final DtlsHandshakeExecutor hostHandshakes;
    private final DtlsHandshakeExecutor botHandshakes;

    LoopbackWebRtc(long seed, int handshakeThreadsPerSide) {
        this.random = new Random(seed);
        this.hostHandshakes = DtlsHandshakeExecutor.create(handshakeThreadsPerSide, 1024);
        this.botHandshakes = DtlsHandshakeExecutor.create(handshakeThreadsPerSide, 1024);
    }

    /** The host's configuration: single UDP port on 127.0.0.1, its own handshake pool. */
    synchronized WebRtcTransportConfig host() {
        return config(hostHandshakes);
    }

    /** The host's peer-connection settings (for a host that binds its own UDP mux): 127.0.0.1, its own pool. */
    synchronized PeerConnectionConfig hostPeerConnection() {
        return peerConnection(hostHandshakes);
    }

    /** A bot's configuration: its own ICE sockets on 127.0.0.1, the bots' handshake pool. */
    synchronized WebRtcTransportConfig bot() {
        return config(botHandshakes);
    }

    private PeerConnectionConfig peerConnection(DtlsHandshakeExecutor handshakes) {
        IceConfig ice = IceConfig.builder()
                .hostAddresses(List.of(InetAddress.getLoopbackAddress()))
                .random(new Random(random.nextLong()))
                .build();
        return PeerConnectionConfig.builder().ice(ice).handshakeExecutor(handshakes)
                .random(new Random(random.nextLong())).build();
    }

    private WebRtcTransportConfig config(DtlsHandshakeExecutor handshakes) {
        return WebRtcTransportConfig.builder()
                .peerConnection(peerConnection(handshakes))
                .singlePortAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .random(new Random(random.nextLong()))
                .build();
    }

    @Override
    public void close() {
        botHandshakes.close();
        hostHandshakes.close();
    }
}
