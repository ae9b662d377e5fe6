package dev.netcode.webrtc.dtls;

import java.util.Objects;

/**
 * Validated, immutable settings of {@link DtlsEndpoint}s. Build once and share:
 *
 * <pre>{@code
 * DtlsConfig config = DtlsConfig.builder().handshakeTimeoutMs(10_000).build();
 * }</pre>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>{@link #handshakeMtuBytes()} bounds handshake datagrams (BouncyCastle fragments the
 *       certificate flights to fit). Keep it at about 1200: WebRTC paths include TURN and VPN
 *       overheads, and a lost oversized fragment is retransmitted forever without progress.</li>
 *   <li>{@link #maxDatagramSizeBytes()} bounds what is accepted and sent after the handshake; it must
 *       fit the largest SCTP packet plus 37 bytes of DTLS overhead (13 header + 8 nonce + 16 tag).</li>
 *   <li>{@link #handshakeTimeoutMs()} counts from the moment a handshake thread picks the endpoint up
 *       (for {@link DtlsEndpoint#startEarly}: from {@link DtlsEndpoint#pathReady()}).</li>
 * </ul>
 */
public final class DtlsConfig {
    private final long handshakeTimeoutMs;
    private final int initialRetransmitMs;
    private final int receiveQueueCapacity;
    private final int handshakeMtuBytes;
    private final int maxDatagramSizeBytes;
    private final DtlsCryptoBackend cryptoBackend;
    private final DtlsRole actpassAnswerRole;
    private final boolean helloVerifyRequest;

    private DtlsConfig(Builder b) {
        this.handshakeTimeoutMs = b.handshakeTimeoutMs;
        this.initialRetransmitMs = b.initialRetransmitMs;
        this.receiveQueueCapacity = b.receiveQueueCapacity;
        this.handshakeMtuBytes = b.handshakeMtuBytes;
        this.maxDatagramSizeBytes = b.maxDatagramSizeBytes;
        this.cryptoBackend = b.cryptoBackend;
        this.actpassAnswerRole = b.actpassAnswerRole;
        this.helloVerifyRequest = b.helloVerifyRequest;
    }

    /** Defaults: 15 s handshake timeout, 1 s initial retransmit, 64-datagram queue, MTU 1200. */
    public static DtlsConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Overall limit for one handshake, retransmissions included. */
    public long handshakeTimeoutMs() {
        return handshakeTimeoutMs;
    }

    /** First flight retransmission timer (RFC 6347 §4.2.4.1 recommends 1 s); doubles up to 60 s. */
    public int initialRetransmitMs() {
        return initialRetransmitMs;
    }

    /** Datagrams buffered per endpoint while the handshake thread has not read them; more are dropped. */
    public int receiveQueueCapacity() {
        return receiveQueueCapacity;
    }

    /** Largest datagram sent during the handshake. */
    public int handshakeMtuBytes() {
        return handshakeMtuBytes;
    }

    /** Largest datagram sent or accepted once connected. */
    public int maxDatagramSizeBytes() {
        return maxDatagramSizeBytes;
    }

    public DtlsCryptoBackend cryptoBackend() {
        return cryptoBackend;
    }

    /** Our role when we answer a remote {@code a=setup:actpass}; browsers pick CLIENT (active). */
    public DtlsRole actpassAnswerRole() {
        return actpassAnswerRole;
    }

    /**
     * Whether a server answers the first ClientHello with a HelloVerifyRequest cookie (RFC 6347
     * §4.2.1) before doing any key-exchange work. Off by default: the cookie proves that the client
     * owns its source address, which ICE has already proven (the agent hands DTLS only datagrams
     * from addresses that authenticated with STUN), so over ICE it costs one round trip and buys
     * nothing; libwebrtc does not send it either. Turn it on for a DTLS path without ICE.
     */
    public boolean helloVerifyRequest() {
        return helloVerifyRequest;
    }

    @Override
    public String toString() {
        return "DtlsConfig[handshakeTimeoutMs=" + handshakeTimeoutMs + ", initialRetransmitMs=" + initialRetransmitMs
                + ", receiveQueueCapacity=" + receiveQueueCapacity + ", handshakeMtuBytes=" + handshakeMtuBytes
                + ", maxDatagramSizeBytes=" + maxDatagramSizeBytes + ", cryptoBackend=" + cryptoBackend
                + ", actpassAnswerRole=" + actpassAnswerRole + ", helloVerifyRequest=" + helloVerifyRequest + "]";
    }

    /** Builder that rejects out-of-range values at {@link #build()}, naming the setting. */
    public static final class Builder {
        private long handshakeTimeoutMs = 15_000;
        private int initialRetransmitMs = 1_000;
        private int receiveQueueCapacity = 64;
        private int handshakeMtuBytes = 1200;
        private int maxDatagramSizeBytes = 2048;
        // Measured fastest (package docs): BouncyCastle EC for the handshake, JDK AES-GCM for records.
        private DtlsCryptoBackend cryptoBackend = DtlsCryptoBackend.HYBRID;
        private DtlsRole actpassAnswerRole = DtlsRole.CLIENT;
        private boolean helloVerifyRequest;

        private Builder() {
        }

        public Builder handshakeTimeoutMs(long value) {
            this.handshakeTimeoutMs = value;
            return this;
        }

        public Builder initialRetransmitMs(int value) {
            this.initialRetransmitMs = value;
            return this;
        }

        public Builder receiveQueueCapacity(int value) {
            this.receiveQueueCapacity = value;
            return this;
        }

        public Builder handshakeMtuBytes(int value) {
            this.handshakeMtuBytes = value;
            return this;
        }

        public Builder maxDatagramSizeBytes(int value) {
            this.maxDatagramSizeBytes = value;
            return this;
        }

        public Builder cryptoBackend(DtlsCryptoBackend value) {
            this.cryptoBackend = Objects.requireNonNull(value, "cryptoBackend");
            return this;
        }

        public Builder actpassAnswerRole(DtlsRole value) {
            this.actpassAnswerRole = Objects.requireNonNull(value, "actpassAnswerRole");
            return this;
        }

        /** See {@link DtlsConfig#helloVerifyRequest()}; default false. */
        public Builder helloVerifyRequest(boolean value) {
            this.helloVerifyRequest = value;
            return this;
        }

        /** @throws IllegalArgumentException naming the first invalid setting */
        public DtlsConfig build() {
            check(handshakeTimeoutMs >= 100 && handshakeTimeoutMs <= Integer.MAX_VALUE,
                    "handshakeTimeoutMs must be in [100, 2^31-1], got " + handshakeTimeoutMs);
            check(initialRetransmitMs >= 10 && initialRetransmitMs <= 60_000,
                    "initialRetransmitMs must be in [10, 60000], got " + initialRetransmitMs);
            check(receiveQueueCapacity >= 4 && receiveQueueCapacity <= 65_536,
                    "receiveQueueCapacity must be in [4, 65536], got " + receiveQueueCapacity);
            check(handshakeMtuBytes >= 256 && handshakeMtuBytes <= 65_507,
                    "handshakeMtuBytes must be in [256, 65507], got " + handshakeMtuBytes);
            check(maxDatagramSizeBytes >= handshakeMtuBytes && maxDatagramSizeBytes <= 65_507,
                    "maxDatagramSizeBytes must be in [handshakeMtuBytes, 65507], got " + maxDatagramSizeBytes);
            return new DtlsConfig(this);
        }

        private static void check(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
