package dev.netcode.webrtc.sctp;

import java.security.SecureRandom;
import java.util.Random;

/**
 * Knobs of one SCTP association, validated when built so that a bad value fails at startup rather
 * than as a stalled connection. Defaults follow Chrome's dcSCTP where WebRTC interop depends on
 * them and favour low latency where RFC 9260 defaults are tuned for the 1990s Internet.
 *
 * <pre>{@code
 * SctpConfig config = SctpConfig.builder().mtuBytes(1191).rtoMinMs(250).build();
 * }</pre>
 *
 * <table>
 *   <caption>defaults</caption>
 *   <tr><th>knob</th><th>default</th><th>why</th></tr>
 *   <tr><td>ports</td><td>5000/5000</td><td>RFC 8841 default {@code a=sctp-port}</td></tr>
 *   <tr><td>{@code mtuBytes}</td><td>1191</td><td>whole SCTP packet; dcSCTP's value, fits DTLS+UDP+IPv6 in 1280</td></tr>
 *   <tr><td>{@code maxMessageSizeBytes}</td><td>262144</td><td>what we advertise in {@code a=max-message-size}, as Chrome</td></tr>
 *   <tr><td>{@code rtoMinMs}</td><td>250</td><td>RFC 9260 says 1 s, too slow for games; safe this low because the RTO's variance term is floored at the peer's 200 ms delayed ACK + 50 ms</td></tr>
 *   <tr><td>{@code rtoInitialMs}</td><td>1000</td><td>RFC 6298 §2</td></tr>
 *   <tr><td>{@code rtoMaxMs}</td><td>10000</td><td>RFC says 60 s; a game link silent for 10 s is better declared dead by ICE consent</td></tr>
 *   <tr><td>{@code delayedAckMs}</td><td>200</td><td>RFC 9260 §6.2, and a SACK at least every 2nd packet</td></tr>
 *   <tr><td>{@code initialCwndMtus}</td><td>10</td><td>RFC 9260 uses about 4; dcSCTP and modern TCP use 10</td></tr>
 * </table>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>{@code remoteMaxMessageSizeBytes} must be set from the peer's SDP; when the peer sends no
 *       {@code a=max-message-size}, RFC 8841 §6.1 says assume 64 KiB, which is the default
 *       here.</li>
 *   <li>The receive buffer bounds reassembly memory and is what we advertise as a_rwnd; it must
 *       hold at least one maximum-size message, or large messages could never complete.</li>
 * </ul>
 */
public final class SctpConfig {
    private final int localPort;
    private final int remotePort;
    private final int mtuBytes;
    private final int maxMessageSizeBytes;
    private final long remoteMaxMessageSizeBytes;
    private final int receiveBufferBytes;
    private final long maxSendBufferBytes;
    private final int streams;
    private final int rtoInitialMs;
    private final int rtoMinMs;
    private final int rtoMaxMs;
    private final int delayedAckMs;
    private final int heartbeatIntervalMs;
    private final int maxRetransmissions;
    private final int maxInitRetransmits;
    private final int cookieLifetimeMs;
    private final int initialCwndMtus;
    private final Random random;

    private SctpConfig(Builder b) {
        localPort = b.localPort;
        remotePort = b.remotePort;
        mtuBytes = b.mtuBytes;
        maxMessageSizeBytes = b.maxMessageSizeBytes;
        remoteMaxMessageSizeBytes = b.remoteMaxMessageSizeBytes;
        receiveBufferBytes = b.receiveBufferBytes;
        maxSendBufferBytes = b.maxSendBufferBytes;
        streams = b.streams;
        rtoInitialMs = b.rtoInitialMs;
        rtoMinMs = b.rtoMinMs;
        rtoMaxMs = b.rtoMaxMs;
        delayedAckMs = b.delayedAckMs;
        heartbeatIntervalMs = b.heartbeatIntervalMs;
        maxRetransmissions = b.maxRetransmissions;
        maxInitRetransmits = b.maxInitRetransmits;
        cookieLifetimeMs = b.cookieLifetimeMs;
        initialCwndMtus = b.initialCwndMtus;
        random = b.random != null ? b.random : new SecureRandom();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** All defaults. */
    public static SctpConfig defaults() {
        return builder().build();
    }

    public int localPort() {
        return localPort;
    }

    public int remotePort() {
        return remotePort;
    }

    /** Largest SCTP packet we send (common header included). */
    public int mtuBytes() {
        return mtuBytes;
    }

    /** Largest message we accept, advertised in SDP {@code a=max-message-size}. */
    public int maxMessageSizeBytes() {
        return maxMessageSizeBytes;
    }

    /** Largest message the peer accepts: {@code send()} refuses anything larger. */
    public long remoteMaxMessageSizeBytes() {
        return remoteMaxMessageSizeBytes;
    }

    /** Reassembly memory per association, advertised as a_rwnd. */
    public int receiveBufferBytes() {
        return receiveBufferBytes;
    }

    /** Bound on bytes queued by {@code send()} and not yet transmitted, all streams together. */
    public long maxSendBufferBytes() {
        return maxSendBufferBytes;
    }

    /** Streams requested in each direction (the peer may grant fewer). */
    public int streams() {
        return streams;
    }

    public int rtoInitialMs() {
        return rtoInitialMs;
    }

    public int rtoMinMs() {
        return rtoMinMs;
    }

    public int rtoMaxMs() {
        return rtoMaxMs;
    }

    public int delayedAckMs() {
        return delayedAckMs;
    }

    /** 0 disables heartbeats. */
    public int heartbeatIntervalMs() {
        return heartbeatIntervalMs;
    }

    /** Consecutive timeouts before the association is declared failed; 0 means never give up. */
    public int maxRetransmissions() {
        return maxRetransmissions;
    }

    public int maxInitRetransmits() {
        return maxInitRetransmits;
    }

    public int cookieLifetimeMs() {
        return cookieLifetimeMs;
    }

    public int initialCwndMtus() {
        return initialCwndMtus;
    }

    /** Source of verification tags, initial TSNs, cookie keys and heartbeat nonces. */
    public Random random() {
        return random;
    }

    /** A copy of this configuration to modify. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.localPort = localPort;
        b.remotePort = remotePort;
        b.mtuBytes = mtuBytes;
        b.maxMessageSizeBytes = maxMessageSizeBytes;
        b.remoteMaxMessageSizeBytes = remoteMaxMessageSizeBytes;
        b.receiveBufferBytes = receiveBufferBytes;
        b.maxSendBufferBytes = maxSendBufferBytes;
        b.streams = streams;
        b.rtoInitialMs = rtoInitialMs;
        b.rtoMinMs = rtoMinMs;
        b.rtoMaxMs = rtoMaxMs;
        b.delayedAckMs = delayedAckMs;
        b.heartbeatIntervalMs = heartbeatIntervalMs;
        b.maxRetransmissions = maxRetransmissions;
        b.maxInitRetransmits = maxInitRetransmits;
        b.cookieLifetimeMs = cookieLifetimeMs;
        b.initialCwndMtus = initialCwndMtus;
        b.random = random;
        return b;
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private int localPort = 5000;
        private int remotePort = 5000;
        private int mtuBytes = 1191;
        private int maxMessageSizeBytes = 262_144;
        private long remoteMaxMessageSizeBytes = 65_536;
        private int receiveBufferBytes = 2 * 1024 * 1024;
        private long maxSendBufferBytes = 16L * 1024 * 1024;
        private int streams = 65_535;
        private int rtoInitialMs = 1000;
        private int rtoMinMs = 250;
        private int rtoMaxMs = 10_000;
        private int delayedAckMs = 200;
        private int heartbeatIntervalMs = 30_000;
        private int maxRetransmissions = 10;
        private int maxInitRetransmits = 8;
        private int cookieLifetimeMs = 60_000;
        private int initialCwndMtus = 10;
        private Random random;

        private Builder() {
        }

        public Builder localPort(int v) {
            localPort = v;
            return this;
        }

        public Builder remotePort(int v) {
            remotePort = v;
            return this;
        }

        public Builder mtuBytes(int v) {
            mtuBytes = v;
            return this;
        }

        public Builder maxMessageSizeBytes(int v) {
            maxMessageSizeBytes = v;
            return this;
        }

        public Builder remoteMaxMessageSizeBytes(long v) {
            remoteMaxMessageSizeBytes = v;
            return this;
        }

        public Builder receiveBufferBytes(int v) {
            receiveBufferBytes = v;
            return this;
        }

        public Builder maxSendBufferBytes(long v) {
            maxSendBufferBytes = v;
            return this;
        }

        public Builder streams(int v) {
            streams = v;
            return this;
        }

        public Builder rtoInitialMs(int v) {
            rtoInitialMs = v;
            return this;
        }

        public Builder rtoMinMs(int v) {
            rtoMinMs = v;
            return this;
        }

        public Builder rtoMaxMs(int v) {
            rtoMaxMs = v;
            return this;
        }

        public Builder delayedAckMs(int v) {
            delayedAckMs = v;
            return this;
        }

        public Builder heartbeatIntervalMs(int v) {
            heartbeatIntervalMs = v;
            return this;
        }

        public Builder maxRetransmissions(int v) {
            maxRetransmissions = v;
            return this;
        }

        public Builder maxInitRetransmits(int v) {
            maxInitRetransmits = v;
            return this;
        }

        public Builder cookieLifetimeMs(int v) {
            cookieLifetimeMs = v;
            return this;
        }

        public Builder initialCwndMtus(int v) {
            initialCwndMtus = v;
            return this;
        }

        /** Inject a seeded random for reproducible tests; production uses SecureRandom. */
        public Builder random(Random v) {
            random = v;
            return this;
        }

        public SctpConfig build() {
            check(localPort >= 1 && localPort <= 65535, "localPort in 1..65535");
            check(remotePort >= 1 && remotePort <= 65535, "remotePort in 1..65535");
            check(mtuBytes >= 256 && mtuBytes <= 65_535, "mtuBytes in 256..65535");
            check(maxMessageSizeBytes >= 1, "maxMessageSizeBytes >= 1");
            check(remoteMaxMessageSizeBytes >= 1, "remoteMaxMessageSizeBytes >= 1");
            check((long) receiveBufferBytes >= (long) maxMessageSizeBytes + mtuBytes,
                    "receiveBufferBytes >= maxMessageSizeBytes + mtuBytes");
            check(maxSendBufferBytes >= 1, "maxSendBufferBytes >= 1");
            check(streams >= 1 && streams <= 65535, "streams in 1..65535");
            check(rtoMinMs >= 1 && rtoMinMs <= rtoInitialMs && rtoInitialMs <= rtoMaxMs,
                    "1 <= rtoMinMs <= rtoInitialMs <= rtoMaxMs");
            check(delayedAckMs >= 0 && delayedAckMs < rtoMinMs, "0 <= delayedAckMs < rtoMinMs");
            check(heartbeatIntervalMs >= 0, "heartbeatIntervalMs >= 0");
            check(maxRetransmissions >= 0, "maxRetransmissions >= 0");
            check(maxInitRetransmits >= 1, "maxInitRetransmits >= 1");
            check(cookieLifetimeMs >= 1000, "cookieLifetimeMs >= 1000");
            check(initialCwndMtus >= 1 && initialCwndMtus <= 100, "initialCwndMtus in 1..100");
            return new SctpConfig(this);
        }

        private static void check(boolean ok, String rule) {
            if (!ok) {
                throw new IllegalArgumentException("invalid SctpConfig: " + rule);
            }
        }
    }
}
