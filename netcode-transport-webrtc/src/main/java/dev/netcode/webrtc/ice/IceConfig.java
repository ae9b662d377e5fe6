package dev.netcode.webrtc.ice;

import dev.netcode.webrtc.turn.TurnClientConfig;
import dev.netcode.webrtc.turn.TurnServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * Validated, immutable settings of an {@link IceAgent}; {@link #builder()} fails fast on nonsense.
 *
 * <table>
 *   <caption>Timers and their defaults</caption>
 *   <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code checkIntervalMs}</td><td>50</td><td>Ta, pacing of new checks (RFC 8445 §14.2)</td></tr>
 *   <tr><td>{@code checkRtoMs}</td><td>250</td><td>first retransmission timeout of a check, doubled each time</td></tr>
 *   <tr><td>{@code maxCheckRetransmits}</td><td>6</td><td>then the pair fails</td></tr>
 *   <tr><td>{@code nominationDelayMs}</td><td>200</td><td>controlling side waits this long after the first valid pair for a better one before nominating</td></tr>
 *   <tr><td>{@code consentIntervalMs}</td><td>2000</td><td>consent checks on the selected pair (RFC 7675, randomised ±20 %)</td></tr>
 *   <tr><td>{@code disconnectedTimeoutMs}</td><td>5000</td><td>silence before CONNECTED → DISCONNECTED</td></tr>
 *   <tr><td>{@code failedTimeoutMs}</td><td>30000</td><td>no consent for this long → FAILED (RFC 7675 §5.1)</td></tr>
 *   <tr><td>{@code checkingTimeoutMs}</td><td>30000</td><td>no pair selected within this long after start → FAILED</td></tr>
 *   <tr><td>{@code consentLossRestartMs}</td><td>6000</td><td>no consent for this long → ask for an ICE restart
 *       ({@link IceAgentListener#onRestartNeeded()}), again every as long while none succeeds; 0 = never.
 *       Must stay below {@code failedTimeoutMs} so the restart has time to work before FAILED</td></tr>
 * </table>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Loopback addresses are skipped when enumerating interfaces unless {@code includeLoopback};
 *       tests usually pin {@code hostAddresses(127.0.0.1)} instead.</li>
 *   <li>{@code disconnectedTimeoutMs} must exceed {@code consentIntervalMs}, or a healthy quiet
 *       connection flaps.</li>
 *   <li>{@code failedTimeoutMs} bounds the whole outage a restart can heal: FAILED is final. Raise
 *       it (not only {@code consentLossRestartMs}) for players who switch networks slowly.</li>
 * </ul>
 */
public final class IceConfig {
    private final boolean lite;
    private final boolean includeLoopback;
    private final List<InetAddress> hostAddresses;
    private final List<InetSocketAddress> stunServers;
    private final int checkIntervalMs;
    private final int checkRtoMs;
    private final int maxCheckRetransmits;
    private final int nominationDelayMs;
    private final int consentIntervalMs;
    private final int disconnectedTimeoutMs;
    private final int failedTimeoutMs;
    private final int checkingTimeoutMs;
    private final int consentLossRestartMs;
    private final int maxRemoteCandidates;
    private final int maxPairs;
    private final IceCredentials credentials;
    private final Random random;
    private final String software;
    private final List<TurnServer> turnServers;
    private final IceTransportPolicy transportPolicy;
    private final TurnClientConfig turnClientConfig;
    private final int relayGatherTimeoutMs;

    private IceConfig(Builder b) {
        this.lite = b.lite;
        this.includeLoopback = b.includeLoopback;
        this.hostAddresses = List.copyOf(b.hostAddresses);
        this.stunServers = List.copyOf(b.stunServers);
        this.checkIntervalMs = b.checkIntervalMs;
        this.checkRtoMs = b.checkRtoMs;
        this.maxCheckRetransmits = b.maxCheckRetransmits;
        this.nominationDelayMs = b.nominationDelayMs;
        this.consentIntervalMs = b.consentIntervalMs;
        this.disconnectedTimeoutMs = b.disconnectedTimeoutMs;
        this.failedTimeoutMs = b.failedTimeoutMs;
        this.checkingTimeoutMs = b.checkingTimeoutMs;
        this.consentLossRestartMs = b.consentLossRestartMs;
        this.maxRemoteCandidates = b.maxRemoteCandidates;
        this.maxPairs = b.maxPairs;
        this.credentials = b.credentials;
        this.random = b.random;
        this.software = b.software;
        this.turnServers = List.copyOf(b.turnServers);
        this.transportPolicy = b.transportPolicy;
        this.turnClientConfig = b.turnClientConfig;
        this.relayGatherTimeoutMs = b.relayGatherTimeoutMs;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder preloaded with these settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.lite = lite;
        b.includeLoopback = includeLoopback;
        b.hostAddresses = hostAddresses;
        b.stunServers = stunServers;
        b.checkIntervalMs = checkIntervalMs;
        b.checkRtoMs = checkRtoMs;
        b.maxCheckRetransmits = maxCheckRetransmits;
        b.nominationDelayMs = nominationDelayMs;
        b.consentIntervalMs = consentIntervalMs;
        b.disconnectedTimeoutMs = disconnectedTimeoutMs;
        b.failedTimeoutMs = failedTimeoutMs;
        b.checkingTimeoutMs = checkingTimeoutMs;
        b.consentLossRestartMs = consentLossRestartMs;
        b.maxRemoteCandidates = maxRemoteCandidates;
        b.maxPairs = maxPairs;
        b.credentials = credentials;
        b.random = random;
        b.software = software;
        b.turnServers = turnServers;
        b.transportPolicy = transportPolicy;
        b.turnClientConfig = turnClientConfig;
        b.relayGatherTimeoutMs = relayGatherTimeoutMs;
        return b;
    }

    /** ICE-lite (RFC 8445 §2.5): host candidates only, answers checks, never sends them, always controlled. */
    public boolean lite() {
        return lite;
    }

    public boolean includeLoopback() {
        return includeLoopback;
    }

    /** When non-empty, exactly these addresses become host candidates (no interface enumeration). */
    public List<InetAddress> hostAddresses() {
        return hostAddresses;
    }

    public List<InetSocketAddress> stunServers() {
        return stunServers;
    }

    /** TURN servers to gather relay candidates from (one allocation each). */
    public List<TurnServer> turnServers() {
        return turnServers;
    }

    /** {@link IceTransportPolicy#RELAY}: no host or server-reflexive candidates, only relay ones. */
    public IceTransportPolicy transportPolicy() {
        return transportPolicy;
    }

    /** Timers of the TURN clients behind relay candidates. */
    public TurnClientConfig turnClientConfig() {
        return turnClientConfig;
    }

    /**
     * Gathering completes without a relay candidate whose allocation is not done within this long
     * (a TURN server that is down must not hold up the offer); a late allocation is still trickled.
     */
    public int relayGatherTimeoutMs() {
        return relayGatherTimeoutMs;
    }

    public int checkIntervalMs() {
        return checkIntervalMs;
    }

    public int checkRtoMs() {
        return checkRtoMs;
    }

    public int maxCheckRetransmits() {
        return maxCheckRetransmits;
    }

    public int nominationDelayMs() {
        return nominationDelayMs;
    }

    public int consentIntervalMs() {
        return consentIntervalMs;
    }

    public int disconnectedTimeoutMs() {
        return disconnectedTimeoutMs;
    }

    public int failedTimeoutMs() {
        return failedTimeoutMs;
    }

    public int checkingTimeoutMs() {
        return checkingTimeoutMs;
    }

    /**
     * Consent lost for this long asks for an ICE restart (RFC 8445 §9) through
     * {@link IceAgentListener#onRestartNeeded()}; 0 disables it.
     */
    public int consentLossRestartMs() {
        return consentLossRestartMs;
    }

    public int maxRemoteCandidates() {
        return maxRemoteCandidates;
    }

    public int maxPairs() {
        return maxPairs;
    }

    /** Fixed local credentials, or null to generate fresh ones per agent. */
    public IceCredentials credentials() {
        return credentials;
    }

    /** Source of tie-breakers and generated credentials. */
    public Random random() {
        return random;
    }

    /** SOFTWARE attribute value, or null for none. */
    public String software() {
        return software;
    }

    /** Builder; every setter validates its argument. */
    public static final class Builder {
        private boolean lite;
        private boolean includeLoopback;
        private List<InetAddress> hostAddresses = List.of();
        private List<InetSocketAddress> stunServers = List.of();
        private int checkIntervalMs = 50;
        private int checkRtoMs = 250;
        private int maxCheckRetransmits = 6;
        private int nominationDelayMs = 200;
        private int consentIntervalMs = 2000;
        private int disconnectedTimeoutMs = 5000;
        private int failedTimeoutMs = 30000;
        private int checkingTimeoutMs = 30000;
        private int consentLossRestartMs = 6000;
        private boolean consentLossRestartSet;
        private int maxRemoteCandidates = 64;
        private int maxPairs = 128;
        private IceCredentials credentials;
        private Random random = new SecureRandom();
        private String software;
        private List<TurnServer> turnServers = List.of();
        private IceTransportPolicy transportPolicy = IceTransportPolicy.ALL;
        private TurnClientConfig turnClientConfig = TurnClientConfig.defaults();
        private int relayGatherTimeoutMs = 5000;

        public Builder turnServers(List<TurnServer> v) {
            turnServers = List.copyOf(v);
            return this;
        }

        public Builder transportPolicy(IceTransportPolicy v) {
            transportPolicy = Objects.requireNonNull(v);
            return this;
        }

        public Builder turnClientConfig(TurnClientConfig v) {
            turnClientConfig = Objects.requireNonNull(v);
            return this;
        }

        public Builder relayGatherTimeoutMs(int v) {
            relayGatherTimeoutMs = range("relayGatherTimeoutMs", v, 1, 600_000);
            return this;
        }

        public Builder lite(boolean v) {
            lite = v;
            return this;
        }

        public Builder includeLoopback(boolean v) {
            includeLoopback = v;
            return this;
        }

        public Builder hostAddresses(List<InetAddress> v) {
            hostAddresses = List.copyOf(v);
            return this;
        }

        public Builder stunServers(List<InetSocketAddress> v) {
            for (InetSocketAddress a : v) {
                if (a.isUnresolved()) {
                    throw new IllegalArgumentException("STUN server must be resolved before configuring: " + a);
                }
            }
            stunServers = List.copyOf(v);
            return this;
        }

        public Builder checkIntervalMs(int v) {
            checkIntervalMs = range("checkIntervalMs", v, 5, 1000);
            return this;
        }

        public Builder checkRtoMs(int v) {
            checkRtoMs = range("checkRtoMs", v, 10, 10_000);
            return this;
        }

        public Builder maxCheckRetransmits(int v) {
            maxCheckRetransmits = range("maxCheckRetransmits", v, 0, 20);
            return this;
        }

        public Builder nominationDelayMs(int v) {
            nominationDelayMs = range("nominationDelayMs", v, 0, 10_000);
            return this;
        }

        public Builder consentIntervalMs(int v) {
            consentIntervalMs = range("consentIntervalMs", v, 50, 60_000);
            return this;
        }

        public Builder disconnectedTimeoutMs(int v) {
            disconnectedTimeoutMs = range("disconnectedTimeoutMs", v, 100, 600_000);
            return this;
        }

        public Builder failedTimeoutMs(int v) {
            failedTimeoutMs = range("failedTimeoutMs", v, 100, 600_000);
            return this;
        }

        public Builder checkingTimeoutMs(int v) {
            checkingTimeoutMs = range("checkingTimeoutMs", v, 100, 600_000);
            return this;
        }

        /** 0 disables automatic restart requests; otherwise 100..600,000 and below {@code failedTimeoutMs}. */
        public Builder consentLossRestartMs(int v) {
            consentLossRestartMs = v == 0 ? 0 : range("consentLossRestartMs", v, 100, 600_000);
            consentLossRestartSet = true;
            return this;
        }

        public Builder maxRemoteCandidates(int v) {
            maxRemoteCandidates = range("maxRemoteCandidates", v, 1, 1024);
            return this;
        }

        public Builder maxPairs(int v) {
            maxPairs = range("maxPairs", v, 1, 4096);
            return this;
        }

        public Builder credentials(IceCredentials v) {
            credentials = v;
            return this;
        }

        public Builder random(Random v) {
            random = Objects.requireNonNull(v);
            return this;
        }

        public Builder software(String v) {
            software = v;
            return this;
        }

        private static int range(String name, int v, int min, int max) {
            if (v < min || v > max) {
                throw new IllegalArgumentException(name + " must be " + min + ".." + max + ": " + v);
            }
            return v;
        }

        public IceConfig build() {
            if (disconnectedTimeoutMs <= consentIntervalMs) {
                throw new IllegalArgumentException("disconnectedTimeoutMs (" + disconnectedTimeoutMs
                        + ") must exceed consentIntervalMs (" + consentIntervalMs + ")");
            }
            if (failedTimeoutMs < disconnectedTimeoutMs) {
                throw new IllegalArgumentException("failedTimeoutMs must be at least disconnectedTimeoutMs");
            }
            if (consentLossRestartMs >= failedTimeoutMs) {
                if (consentLossRestartSet) {
                    throw new IllegalArgumentException("consentLossRestartMs (" + consentLossRestartMs
                            + ") must be below failedTimeoutMs (" + failedTimeoutMs + "): FAILED is final");
                }
                // Only the default collides with a short failedTimeoutMs: no automatic restart then.
                consentLossRestartMs = 0;
            }
            if (transportPolicy == IceTransportPolicy.RELAY && turnServers.isEmpty()) {
                throw new IllegalArgumentException("transportPolicy RELAY needs at least one TURN server");
            }
            if (lite && !turnServers.isEmpty()) {
                throw new IllegalArgumentException("an ICE-lite agent gathers host candidates only: no TURN servers");
            }
            return new IceConfig(this);
        }
    }
}
