package dev.netcode.webrtc.transport;

import dev.netcode.webrtc.PeerConnectionConfig;
import dev.netcode.webrtc.ice.IceUdpMux;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Random;

/**
 * The validated, immutable settings of a {@link WebRtcTransport}: how its peer connections are
 * built, how a listening transport serves clients (one UDP port, ICE-lite), and the limits that
 * keep a hostile or slow peer from costing unbounded memory.
 *
 * <pre>{@code
 * // A dedicated host: every client on UDP port 7000, ICE-lite.
 * WebRtcTransportConfig host = WebRtcTransportConfig.builder()
 *         .peerConnection(PeerConnectionConfig.builder().hostAddresses(List.of(publicIp)).build())
 *         .singlePortAddress(new InetSocketAddress(7000))
 *         .build();
 * // A game client: full ICE on its own sockets, defaults otherwise.
 * WebRtcTransportConfig client = WebRtcTransportConfig.defaults();
 * }</pre>
 *
 * <table>
 *   <caption>Settings and defaults</caption>
 *   <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code peerConnection}</td><td>{@link PeerConnectionConfig#defaults()}</td><td>ICE addresses, STUN, timers, DTLS, threads of every connection</td></tr>
 *   <tr><td>{@code singlePort}</td><td>true</td><td>{@code listen} serves all clients on one {@link IceUdpMux} port (implies ICE-lite)</td></tr>
 *   <tr><td>{@code singlePortAddress}</td><td>wildcard, ephemeral port</td><td>where that port is bound</td></tr>
 *   <tr><td>{@code udpMux}</td><td>none</td><td>an existing mux to serve on instead (not closed by the transport)</td></tr>
 *   <tr><td>{@code serverIceLite}</td><td>false</td><td>without single port: answer as an ICE-lite agent on own sockets</td></tr>
 *   <tr><td>{@code maxConnections}</td><td>256</td><td>connections (open and handshaking) one listener serves</td></tr>
 *   <tr><td>{@code maxPendingHandshakes}</td><td>32</td><td>handshakes in progress per listener</td></tr>
 *   <tr><td>{@code maxPendingHandshakesPerPeer}</td><td>2</td><td>handshakes in progress per remote peer id</td></tr>
 *   <tr><td>{@code handshakeTimeoutMs}</td><td>15000</td><td>offer to both channels open, either side</td></tr>
 *   <tr><td>{@code closeTimeoutMs}</td><td>3000</td><td>an orderly close waits this long for the peer</td></tr>
 *   <tr><td>{@code maxMessageSizeBytes}</td><td>262144</td><td>our cap; the connection uses min(ours, the peer's {@code a=max-message-size})</td></tr>
 *   <tr><td>{@code maxBufferedBytes}</td><td>1 MiB</td><td>hard send-buffer limit per connection (BackpressureException)</td></tr>
 *   <tr><td>{@code highWatermarkBytes} / {@code lowWatermarkBytes}</td><td>3/4 / 1/4 of maxBuffered</td><td>isWritable turns false above high; onWritable at low</td></tr>
 *   <tr><td>{@code maxSignalPayloadChars}</td><td>32768</td><td>longer signaling payloads are dropped unparsed</td></tr>
 * </table>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Single port means ICE-lite on the listening side: clients must reach the host's address
 *       directly (a public address, or loopback in tests: pin {@code hostAddresses(127.0.0.1)}).
 *       Behind a NAT, set {@code singlePort(false)} and give the server STUN/TURN.</li>
 *   <li>A wildcard {@code singlePortAddress} advertises the addresses of
 *       {@code peerConnection}'s ICE settings: without {@code hostAddresses} or
 *       {@code includeLoopback} a loopback-only machine advertises nothing.</li>
 *   <li>{@code maxBufferedBytes} is capped at 8 MiB: the SCTP send buffer below holds 16 MiB.</li>
 * </ul>
 */
public final class WebRtcTransportConfig {
    /** Most bytes a connection may buffer: half the SCTP association's send buffer. */
    public static final long MAX_BUFFERED_BYTES_LIMIT = 8L * 1024 * 1024;

    private final PeerConnectionConfig peerConnection;
    private final boolean singlePort;
    private final InetSocketAddress singlePortAddress;
    private final IceUdpMux udpMux;
    private final boolean serverIceLite;
    private final int maxConnections;
    private final int maxPendingHandshakes;
    private final int maxPendingHandshakesPerPeer;
    private final long handshakeTimeoutMs;
    private final long closeTimeoutMs;
    private final int maxMessageSizeBytes;
    private final long maxBufferedBytes;
    private final long highWatermarkBytes;
    private final long lowWatermarkBytes;
    private final int maxSignalPayloadChars;
    private final Random random;

    private WebRtcTransportConfig(Builder b) {
        peerConnection = b.peerConnection;
        singlePort = b.singlePort;
        singlePortAddress = b.singlePortAddress;
        udpMux = b.udpMux;
        serverIceLite = b.serverIceLite;
        maxConnections = b.maxConnections;
        maxPendingHandshakes = b.maxPendingHandshakes;
        maxPendingHandshakesPerPeer = b.maxPendingHandshakesPerPeer;
        handshakeTimeoutMs = b.handshakeTimeoutMs;
        closeTimeoutMs = b.closeTimeoutMs;
        maxMessageSizeBytes = b.maxMessageSizeBytes;
        maxBufferedBytes = b.maxBufferedBytes;
        highWatermarkBytes = b.highWatermarkBytes >= 0 ? b.highWatermarkBytes : maxBufferedBytes * 3 / 4;
        lowWatermarkBytes = b.lowWatermarkBytes >= 0 ? b.lowWatermarkBytes : maxBufferedBytes / 4;
        maxSignalPayloadChars = b.maxSignalPayloadChars;
        random = b.random;
    }

    public static WebRtcTransportConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public PeerConnectionConfig peerConnection() {
        return peerConnection;
    }

    public boolean singlePort() {
        return singlePort;
    }

    public InetSocketAddress singlePortAddress() {
        return singlePortAddress;
    }

    /** The externally owned mux to serve on, or null. */
    public IceUdpMux udpMux() {
        return udpMux;
    }

    public boolean serverIceLite() {
        return serverIceLite;
    }

    public int maxConnections() {
        return maxConnections;
    }

    public int maxPendingHandshakes() {
        return maxPendingHandshakes;
    }

    public int maxPendingHandshakesPerPeer() {
        return maxPendingHandshakesPerPeer;
    }

    public long handshakeTimeoutMs() {
        return handshakeTimeoutMs;
    }

    public long closeTimeoutMs() {
        return closeTimeoutMs;
    }

    public int maxMessageSizeBytes() {
        return maxMessageSizeBytes;
    }

    public long maxBufferedBytes() {
        return maxBufferedBytes;
    }

    public long highWatermarkBytes() {
        return highWatermarkBytes;
    }

    public long lowWatermarkBytes() {
        return lowWatermarkBytes;
    }

    public int maxSignalPayloadChars() {
        return maxSignalPayloadChars;
    }

    /** Source of connection ids. */
    public Random random() {
        return random;
    }

    /** Builder; {@link #build()} validates the combination and fails fast. */
    public static final class Builder {
        private PeerConnectionConfig peerConnection = PeerConnectionConfig.defaults();
        private boolean singlePort = true;
        private InetSocketAddress singlePortAddress = new InetSocketAddress(0);
        private IceUdpMux udpMux;
        private boolean serverIceLite;
        private int maxConnections = 256;
        private int maxPendingHandshakes = 32;
        private int maxPendingHandshakesPerPeer = 2;
        private long handshakeTimeoutMs = 15_000;
        private long closeTimeoutMs = 3_000;
        private int maxMessageSizeBytes = 256 * 1024;
        private long maxBufferedBytes = 1024 * 1024;
        private long highWatermarkBytes = -1;
        private long lowWatermarkBytes = -1;
        private int maxSignalPayloadChars = 32_768;
        private Random random = new SecureRandom();

        private Builder() {
        }

        /** Base settings of every peer connection (a mux, if set there, is ignored: use {@link #udpMux}). */
        public Builder peerConnection(PeerConnectionConfig value) {
            peerConnection = Objects.requireNonNull(value, "peerConnection");
            return this;
        }

        public Builder singlePort(boolean value) {
            singlePort = value;
            return this;
        }

        public Builder singlePortAddress(InetSocketAddress value) {
            singlePortAddress = Objects.requireNonNull(value, "singlePortAddress");
            return this;
        }

        /** Serve on this mux (implies single port); the transport does not close it. */
        public Builder udpMux(IceUdpMux value) {
            udpMux = Objects.requireNonNull(value, "udpMux");
            singlePort = true;
            return this;
        }

        public Builder serverIceLite(boolean value) {
            serverIceLite = value;
            return this;
        }

        public Builder maxConnections(int value) {
            maxConnections = value;
            return this;
        }

        public Builder maxPendingHandshakes(int value) {
            maxPendingHandshakes = value;
            return this;
        }

        public Builder maxPendingHandshakesPerPeer(int value) {
            maxPendingHandshakesPerPeer = value;
            return this;
        }

        public Builder handshakeTimeoutMs(long value) {
            handshakeTimeoutMs = value;
            return this;
        }

        public Builder closeTimeoutMs(long value) {
            closeTimeoutMs = value;
            return this;
        }

        public Builder maxMessageSizeBytes(int value) {
            maxMessageSizeBytes = value;
            return this;
        }

        public Builder maxBufferedBytes(long value) {
            maxBufferedBytes = value;
            return this;
        }

        public Builder highWatermarkBytes(long value) {
            highWatermarkBytes = value;
            return this;
        }

        public Builder lowWatermarkBytes(long value) {
            lowWatermarkBytes = value;
            return this;
        }

        public Builder maxSignalPayloadChars(int value) {
            maxSignalPayloadChars = value;
            return this;
        }

        public Builder random(Random value) {
            random = Objects.requireNonNull(value, "random");
            return this;
        }

        /** @throws IllegalArgumentException naming the first bad setting */
        public WebRtcTransportConfig build() {
            check(maxConnections >= 1, "maxConnections >= 1");
            check(maxPendingHandshakes >= 1, "maxPendingHandshakes >= 1");
            check(maxPendingHandshakesPerPeer >= 1, "maxPendingHandshakesPerPeer >= 1");
            check(handshakeTimeoutMs >= 100, "handshakeTimeoutMs >= 100");
            check(closeTimeoutMs >= 0, "closeTimeoutMs >= 0");
            check(maxMessageSizeBytes >= 1, "maxMessageSizeBytes >= 1");
            check(maxBufferedBytes >= maxMessageSizeBytes, "maxBufferedBytes >= maxMessageSizeBytes");
            check(maxBufferedBytes <= MAX_BUFFERED_BYTES_LIMIT, "maxBufferedBytes <= " + MAX_BUFFERED_BYTES_LIMIT);
            WebRtcTransportConfig c = new WebRtcTransportConfig(this);
            check(c.lowWatermarkBytes <= c.highWatermarkBytes, "lowWatermarkBytes <= highWatermarkBytes");
            check(c.highWatermarkBytes <= c.maxBufferedBytes, "highWatermarkBytes <= maxBufferedBytes");
            check(maxSignalPayloadChars >= 1024, "maxSignalPayloadChars >= 1024");
            return c;
        }

        private static void check(boolean ok, String rule) {
            if (!ok) {
                throw new IllegalArgumentException("invalid WebRtcTransportConfig: " + rule);
            }
        }
    }
}
