package dev.netcode.core;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Settings of a {@link NetServer} or {@link NetClient}, validated when built (an invalid value
 * fails at startup, not at the first timeout).
 *
 * <pre>{@code
 * NetConfig config = NetConfig.builder("my-game/1.4")   // both ends must agree on this id
 *         .keepAliveIntervalMs(250)
 *         .timeoutMs(10_000)
 *         .build();
 * }</pre>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>{@code timeoutMs} must cover several keep-alive intervals plus the worst RTT you expect;
 *       the builder enforces at least 4 intervals.</li>
 *   <li>The application id is compared byte for byte: put your game's network version into it so
 *       that incompatible builds are refused with {@link DisconnectReason#APPLICATION_MISMATCH}.</li>
 * </ul>
 */
public final class NetConfig {
    /** The netcode wire protocol version this build speaks. */
    public static final int PROTOCOL_VERSION = 1;
    public static final int MAX_APPLICATION_ID_BYTES = 64;

    private final String applicationId;
    private final int protocolVersion;
    private final int keepAliveIntervalMs;
    private final int timeoutMs;
    private final int handshakeTimeoutMs;
    private final int maxPendingMessages;
    private final int maxConnections;
    private final boolean deliverOnNetworkThread;

    private NetConfig(Builder b) {
        this.applicationId = b.applicationId;
        this.protocolVersion = b.protocolVersion;
        this.keepAliveIntervalMs = b.keepAliveIntervalMs;
        this.timeoutMs = b.timeoutMs;
        this.handshakeTimeoutMs = b.handshakeTimeoutMs;
        this.maxPendingMessages = b.maxPendingMessages;
        this.maxConnections = b.maxConnections;
        this.deliverOnNetworkThread = b.deliverOnNetworkThread;
    }

    public static Builder builder(String applicationId) {
        return new Builder(applicationId);
    }

    public String applicationId() {
        return applicationId;
    }

    public int protocolVersion() {
        return protocolVersion;
    }

    public int keepAliveIntervalMs() {
        return keepAliveIntervalMs;
    }

    public int timeoutMs() {
        return timeoutMs;
    }

    public int handshakeTimeoutMs() {
        return handshakeTimeoutMs;
    }

    public int maxPendingMessages() {
        return maxPendingMessages;
    }

    public int maxConnections() {
        return maxConnections;
    }

    public boolean deliverOnNetworkThread() {
        return deliverOnNetworkThread;
    }

    /** Builder; every setter documents its default. */
    public static final class Builder {
        private final String applicationId;
        private int protocolVersion = PROTOCOL_VERSION;
        private int keepAliveIntervalMs = 250;
        private int timeoutMs = 10_000;
        private int handshakeTimeoutMs = 10_000;
        private int maxPendingMessages = 16_384;
        private int maxConnections = 64;
        private boolean deliverOnNetworkThread;

        private Builder(String applicationId) {
            this.applicationId = Objects.requireNonNull(applicationId, "applicationId");
        }

        /** Interval of keep-alive pings, which also measure RTT and loss (default 250 ms). */
        public Builder keepAliveIntervalMs(int value) {
            this.keepAliveIntervalMs = value;
            return this;
        }

        /** Silence after which a connection ends with {@link DisconnectReason#TIMEOUT} (default 10 000 ms). */
        public Builder timeoutMs(int value) {
            this.timeoutMs = value;
            return this;
        }

        /** Time allowed from transport open to a completed handshake (default 10 000 ms). */
        public Builder handshakeTimeoutMs(int value) {
            this.handshakeTimeoutMs = value;
            return this;
        }

        /**
         * Received messages that may wait for {@code update()} (default 16 384, for the whole
         * endpoint). Beyond it unreliable messages are dropped and a reliable one ends its
         * connection with {@link DisconnectReason#RECEIVE_QUEUE_FULL}: memory stays bounded even
         * if the game stops calling {@code update()}. Past the bound, a connection below its fair
         * share (the bound divided by the live connections) is still served, up to twice the
         * bound, so one flooding peer ends only its own connection.
         */
        public Builder maxPendingMessages(int value) {
            this.maxPendingMessages = value;
            return this;
        }

        /** Server only: connections beyond this are refused with {@link DisconnectReason#SERVER_FULL} (default 64). */
        public Builder maxConnections(int value) {
            this.maxConnections = value;
            return this;
        }

        /**
         * Opt-in: call the listener directly on network threads instead of from {@code update()}
         * (default false). The listener must then be thread-safe and must not block.
         */
        public Builder deliverOnNetworkThread(boolean value) {
            this.deliverOnNetworkThread = value;
            return this;
        }

        /** Overrides the protocol version announced in the handshake. Only for testing version negotiation. */
        public Builder protocolVersion(int value) {
            this.protocolVersion = value;
            return this;
        }

        public NetConfig build() {
            int idBytes = applicationId.getBytes(StandardCharsets.UTF_8).length;
            require(idBytes >= 1 && idBytes <= MAX_APPLICATION_ID_BYTES,
                    "applicationId must be 1.." + MAX_APPLICATION_ID_BYTES + " UTF-8 bytes, was " + idBytes);
            require(protocolVersion >= 0 && protocolVersion <= 0xffff, "protocolVersion must be 0..65535");
            require(keepAliveIntervalMs >= 10, "keepAliveIntervalMs must be >= 10, was " + keepAliveIntervalMs);
            require(timeoutMs >= 4 * keepAliveIntervalMs, "timeoutMs (" + timeoutMs
                    + ") must be >= 4 * keepAliveIntervalMs (" + keepAliveIntervalMs + ")");
            require(handshakeTimeoutMs >= 100, "handshakeTimeoutMs must be >= 100, was " + handshakeTimeoutMs);
            require(maxPendingMessages >= 16, "maxPendingMessages must be >= 16, was " + maxPendingMessages);
            require(maxConnections >= 1, "maxConnections must be >= 1, was " + maxConnections);
            return new NetConfig(this);
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
