package dev.netcode.webrtc;

import dev.netcode.webrtc.dtls.DtlsCertificate;
import dev.netcode.webrtc.dtls.DtlsConfig;
import dev.netcode.webrtc.dtls.DtlsCryptoBackend;
import dev.netcode.webrtc.dtls.DtlsHandshakeExecutor;
import dev.netcode.webrtc.dtls.DtlsRole;
import dev.netcode.webrtc.ice.IceConfig;
import dev.netcode.webrtc.ice.IceUdpMux;
import dev.netcode.webrtc.internal.SharedResources;
import dev.netcode.webrtc.sdp.DataSessionParameters;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.Executor;

/**
 * Everything non-standard about a {@link PeerConnection} in one validated, immutable object, like
 * Pion's {@code SettingEngine}: sockets, ICE mode and timers, STUN servers, the DTLS certificate,
 * crypto back-end and handshake threads, and the threads that run the connection and its callbacks.
 *
 * <pre>{@code
 * // A client: full ICE on its own sockets, defaults for everything else.
 * PeerConnectionConfig client = PeerConnectionConfig.builder()
 *         .stunServers(List.of(new InetSocketAddress("stun.example.org", 3478)))
 *         .build();
 *
 * // A dedicated host: ICE-lite, every client on one UDP port.
 * IceUdpMux mux = IceUdpMux.bind(group, new InetSocketAddress("0.0.0.0", 7000), 1000);
 * PeerConnectionConfig host = PeerConnectionConfig.builder().udpMux(mux).build();
 * }</pre>
 *
 * <table>
 *   <caption>Settings and defaults</caption>
 *   <tr><th>setting</th><th>default</th></tr>
 *   <tr><td>{@code eventLoopGroup}</td><td>a shared daemon NIO group, one loop per core</td></tr>
 *   <tr><td>{@code udpMux}</td><td>none: the agent binds its own ephemeral UDP sockets</td></tr>
 *   <tr><td>{@code iceLite}</td><td>false (forced true with a mux)</td></tr>
 *   <tr><td>{@code hostAddresses} / {@code includeLoopback}</td><td>every non-loopback interface</td></tr>
 *   <tr><td>{@code disconnectedTimeoutMs} / {@code failedTimeoutMs}</td><td>5000 / 30000 (consent, RFC 7675)</td></tr>
 *   <tr><td>{@code certificate}</td><td>one ECDSA P-256 certificate shared by the process</td></tr>
 *   <tr><td>{@code handshakeExecutor}</td><td>a shared bounded pool of daemon threads</td></tr>
 *   <tr><td>{@code cryptoBackend}</td><td>HYBRID (BouncyCastle handshake, JDK AES-GCM records)</td></tr>
 *   <tr><td>{@code callbackExecutor}</td><td>the connection's event loop</td></tr>
 *   <tr><td>{@code trickle}</td><td>true: descriptions say {@code a=ice-options:trickle}</td></tr>
 * </table>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Without {@code hostAddresses} or {@code includeLoopback}, a loopback-only machine (a test
 *       container) gathers no candidate at all. Tests pin {@code hostAddresses(127.0.0.1)}.</li>
 *   <li>{@code disconnectedTimeoutMs} must exceed {@code consentIntervalMs} (2000 by default), or a
 *       quiet healthy connection flaps.</li>
 *   <li>With a {@link IceUdpMux} the connection runs on the mux's event loop, not on
 *       {@code eventLoopGroup}; run one mux per core to spread load.</li>
 *   <li>{@link #ice(IceConfig)} replaces every ICE setting made before it; call it first, then the
 *       convenience setters.</li>
 * </ul>
 */
public final class PeerConnectionConfig {
    private final IceConfig ice;
    private final IceUdpMux udpMux;
    private final DtlsConfig dtls;
    private final DtlsCertificate certificate;
    private final DtlsHandshakeExecutor handshakeExecutor;
    private final EventLoopGroup eventLoopGroup;
    private final Class<? extends DatagramChannel> datagramChannelClass;
    private final Executor callbackExecutor;
    private final boolean trickle;
    private final int sctpPort;
    private final long maxMessageSizeBytes;
    private final Random random;

    private PeerConnectionConfig(Builder b) {
        IceConfig.Builder iceBuilder = b.ice;
        if (b.udpMux != null) {
            iceBuilder.lite(true);
        }
        this.ice = iceBuilder.build();
        this.udpMux = b.udpMux;
        this.dtls = b.dtls.build();
        this.certificate = b.certificate;
        this.handshakeExecutor = b.handshakeExecutor;
        this.eventLoopGroup = b.eventLoopGroup;
        this.datagramChannelClass = b.datagramChannelClass;
        this.callbackExecutor = b.callbackExecutor;
        this.trickle = b.trickle;
        this.sctpPort = b.sctpPort;
        this.maxMessageSizeBytes = b.maxMessageSizeBytes;
        this.random = b.random;
    }

    /** Every default; loopback is not gathered. */
    public static PeerConnectionConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** ICE settings (lite, addresses, STUN servers, timers). */
    public IceConfig ice() {
        return ice;
    }

    /** The shared single-port socket, or null for own sockets. */
    public IceUdpMux udpMux() {
        return udpMux;
    }

    public DtlsConfig dtls() {
        return dtls;
    }

    /** The local certificate; null means the process-wide shared one. */
    public DtlsCertificate certificate() {
        return certificate != null ? certificate : SharedResources.certificate();
    }

    public DtlsHandshakeExecutor handshakeExecutor() {
        return handshakeExecutor != null ? handshakeExecutor : SharedResources.handshakeExecutor();
    }

    public EventLoopGroup eventLoopGroup() {
        return eventLoopGroup != null ? eventLoopGroup : SharedResources.eventLoopGroup();
    }

    public Class<? extends DatagramChannel> datagramChannelClass() {
        return datagramChannelClass;
    }

    /** Where listener callbacks run; null means the connection's event loop. */
    public Executor callbackExecutor() {
        return callbackExecutor;
    }

    public boolean trickle() {
        return trickle;
    }

    public int sctpPort() {
        return sctpPort;
    }

    public long maxMessageSizeBytes() {
        return maxMessageSizeBytes;
    }

    /** Source of SDP session ids. */
    public Random random() {
        return random;
    }

    /** Builder; every setter validates its argument, {@link #build()} the combination. */
    public static final class Builder {
        private IceConfig.Builder ice = IceConfig.builder();
        private IceUdpMux udpMux;
        private DtlsConfig.Builder dtls = DtlsConfig.builder();
        private DtlsCertificate certificate;
        private DtlsHandshakeExecutor handshakeExecutor;
        private EventLoopGroup eventLoopGroup;
        private Class<? extends DatagramChannel> datagramChannelClass = NioDatagramChannel.class;
        private Executor callbackExecutor;
        private boolean trickle = true;
        private int sctpPort = 5000;
        private long maxMessageSizeBytes = DataSessionParameters.DEFAULT_MAX_MESSAGE_SIZE_BYTES;
        private Random random = new SecureRandom();

        private Builder() {
        }

        /** Replaces all ICE settings with {@code value}'s (timers, limits, credentials, randomness). */
        public Builder ice(IceConfig value) {
            ice = value.toBuilder();
            return this;
        }

        /** Replaces all DTLS settings with {@code value}'s. */
        public Builder dtls(DtlsConfig value) {
            DtlsConfig.Builder b = DtlsConfig.builder()
                    .handshakeTimeoutMs(value.handshakeTimeoutMs())
                    .initialRetransmitMs(value.initialRetransmitMs())
                    .receiveQueueCapacity(value.receiveQueueCapacity())
                    .handshakeMtuBytes(value.handshakeMtuBytes())
                    .maxDatagramSizeBytes(value.maxDatagramSizeBytes())
                    .cryptoBackend(value.cryptoBackend())
                    .actpassAnswerRole(value.actpassAnswerRole());
            dtls = b;
            return this;
        }

        /** Serve this connection on a shared single-port socket (implies ICE-lite). */
        public Builder udpMux(IceUdpMux value) {
            udpMux = value;
            return this;
        }

        /** ICE-lite (RFC 8445 §2.5): for hosts with a public address; never for clients behind NAT. */
        public Builder iceLite(boolean value) {
            ice.lite(value);
            return this;
        }

        /** Gather loopback addresses too when enumerating interfaces. */
        public Builder includeLoopback(boolean value) {
            ice.includeLoopback(value);
            return this;
        }

        /** Exactly these host addresses (no interface enumeration), e.g. 127.0.0.1 in tests. */
        public Builder hostAddresses(List<InetAddress> value) {
            ice.hostAddresses(value);
            return this;
        }

        /** STUN servers for server-reflexive candidates (resolved addresses). */
        public Builder stunServers(List<InetSocketAddress> value) {
            ice.stunServers(value);
            return this;
        }

        /** TURN servers for relay candidates (W3C {@code RTCIceServer} with {@code turn:} URLs). */
        public Builder turnServers(List<dev.netcode.webrtc.turn.TurnServer> value) {
            ice.turnServers(value);
            return this;
        }

        /** W3C {@code iceTransportPolicy}: {@code RELAY} uses TURN relay candidates only. */
        public Builder iceTransportPolicy(dev.netcode.webrtc.ice.IceTransportPolicy value) {
            ice.transportPolicy(value);
            return this;
        }

        /** Interval of consent checks on the selected pair (RFC 7675). */
        public Builder consentIntervalMs(int value) {
            ice.consentIntervalMs(value);
            return this;
        }

        /** Silence before the connection is DISCONNECTED. */
        public Builder disconnectedTimeoutMs(int value) {
            ice.disconnectedTimeoutMs(value);
            return this;
        }

        /** Silence before the connection is FAILED (consent expired). */
        public Builder failedTimeoutMs(int value) {
            ice.failedTimeoutMs(value);
            return this;
        }

        /** Time ICE may take to find a pair before the connection FAILS. */
        public Builder iceCheckingTimeoutMs(int value) {
            ice.checkingTimeoutMs(value);
            return this;
        }

        /** Time the DTLS handshake may take before the connection FAILS. */
        public Builder dtlsHandshakeTimeoutMs(long value) {
            dtls.handshakeTimeoutMs(value);
            return this;
        }

        public Builder cryptoBackend(DtlsCryptoBackend value) {
            dtls.cryptoBackend(value);
            return this;
        }

        /** Our DTLS role when answering an {@code actpass} offer (default CLIENT, {@code a=setup:active}). */
        public Builder actpassAnswerRole(DtlsRole value) {
            dtls.actpassAnswerRole(value);
            return this;
        }

        public Builder certificate(DtlsCertificate value) {
            certificate = Objects.requireNonNull(value, "certificate");
            return this;
        }

        public Builder handshakeExecutor(DtlsHandshakeExecutor value) {
            handshakeExecutor = Objects.requireNonNull(value, "handshakeExecutor");
            return this;
        }

        /** The group whose loops run connections; pair it with {@link #datagramChannelClass}. */
        public Builder eventLoopGroup(EventLoopGroup value) {
            eventLoopGroup = Objects.requireNonNull(value, "eventLoopGroup");
            return this;
        }

        public Builder datagramChannelClass(Class<? extends DatagramChannel> value) {
            datagramChannelClass = Objects.requireNonNull(value, "datagramChannelClass");
            return this;
        }

        /** Where listener callbacks run, e.g. a game thread's queue; default the event loop. */
        public Builder callbackExecutor(Executor value) {
            callbackExecutor = Objects.requireNonNull(value, "callbackExecutor");
            return this;
        }

        /** Advertise {@code a=ice-options:trickle}; default true. */
        public Builder trickle(boolean value) {
            trickle = value;
            return this;
        }

        public Builder sctpPort(int value) {
            if (value < 1 || value > 65535) {
                throw new IllegalArgumentException("sctpPort must be 1..65535: " + value);
            }
            sctpPort = value;
            return this;
        }

        /** {@code a=max-message-size} we advertise; 0 means any size. */
        public Builder maxMessageSizeBytes(long value) {
            if (value < 0) {
                throw new IllegalArgumentException("maxMessageSizeBytes must be >= 0: " + value);
            }
            maxMessageSizeBytes = value;
            return this;
        }

        /** Randomness for SDP session ids (ICE randomness is in {@link #ice(IceConfig)}). */
        public Builder random(Random value) {
            random = Objects.requireNonNull(value, "random");
            return this;
        }

        /**
         * @throws IllegalArgumentException when ICE or DTLS settings contradict each other
         */
        public PeerConnectionConfig build() {
            return new PeerConnectionConfig(this);
        }
    }
}
