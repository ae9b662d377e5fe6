package dev.netcode.webrtc.sdp;

import dev.netcode.webrtc.sdp.internal.SdpGrammar;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Our side of a data-only session, from which {@link DataChannelSdp} writes an offer or an answer:
 * ICE credentials, certificate fingerprint, DTLS role, SCTP port, maximum message size and the
 * candidates gathered so far. Immutable; validated when built, so a bad value fails here and not
 * in a browser's {@code setRemoteDescription}.
 *
 * <pre>{@code
 * DataSessionParameters local = DataSessionParameters.builder()
 *         .iceUfrag(ufrag).icePwd(pwd)                      // RFC 8839 §5.4: 4+ and 22+ ice-chars
 *         .fingerprint(fingerprint.toSdpValue())           // "sha-256 AB:CD:..."
 *         .candidates(List.of("1 1 udp 2130706431 127.0.0.1 50000 typ host"))
 *         .endOfCandidates(true)                            // not trickling: all candidates inside
 *         .build();
 * }</pre>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>{@link Builder#setup} is a preference. An offer always says {@code actpass} (RFC 8842 §5);
 *       an answer takes {@code active} or {@code passive} as the offer allows
 *       ({@link DataChannelSdp#answerSetup}).</li>
 *   <li>Keep {@link Builder#sessionId} stable and raise {@link Builder#sessionVersion} for every new
 *       local description of the same session (RFC 8829 §5.2.2).</li>
 *   <li>{@link Builder#defaultCandidate} only fills the {@code m=} port and {@code c=} line; peers
 *       connect through {@code a=candidate}. Leave it at {@code 0.0.0.0:9} while trickling
 *       (RFC 8829 §5.2.1).</li>
 * </ul>
 */
public final class DataSessionParameters {
    /** Chromium's advertised maximum message size; what we advertise by default (256 KiB). */
    public static final long DEFAULT_MAX_MESSAGE_SIZE_BYTES = 256 * 1024;

    private final long sessionId;
    private final long sessionVersion;
    private final String iceUfrag;
    private final String icePwd;
    private final List<String> fingerprints;
    private final SetupRole setup;
    private final int sctpPort;
    private final long maxMessageSizeBytes;
    private final List<String> candidates;
    private final boolean endOfCandidates;
    private final boolean trickle;
    private final boolean iceLite;
    private final String mid;
    private final String defaultAddress;
    private final int defaultPort;

    private DataSessionParameters(Builder b) {
        if (b.sessionId < 0 || b.sessionVersion < 0) {
            throw new IllegalArgumentException("session id and version must be >= 0");
        }
        check("ice-ufrag", b.iceUfrag);
        check("ice-pwd", b.icePwd);
        if (b.fingerprints.isEmpty()) {
            throw new IllegalArgumentException("at least one fingerprint is required (RFC 8842 §5)");
        }
        for (String f : b.fingerprints) {
            check("fingerprint", f);
        }
        Objects.requireNonNull(b.setup, "setup");
        if (b.setup == SetupRole.HOLDCONN) {
            throw new IllegalArgumentException("setup holdconn cannot start a session");
        }
        if (b.sctpPort < 0 || b.sctpPort > 0xffff) {
            throw new IllegalArgumentException("sctpPort must be 0..65535, got " + b.sctpPort);
        }
        if (b.maxMessageSizeBytes < 0) {
            throw new IllegalArgumentException("maxMessageSizeBytes must be >= 0 (0 = any size), got " + b.maxMessageSizeBytes);
        }
        for (String c : b.candidates) {
            check("candidate", c);
        }
        check("mid", b.mid);
        if (!SdpGrammar.isNonWsString(b.defaultAddress)) {
            throw new IllegalArgumentException("defaultAddress must be a non-blank literal, got '" + b.defaultAddress + "'");
        }
        if (b.defaultPort < 1 || b.defaultPort > 0xffff) {
            // port 0 would mark the section rejected (RFC 3264 §6)
            throw new IllegalArgumentException("defaultPort must be 1..65535, got " + b.defaultPort);
        }
        this.sessionId = b.sessionId;
        this.sessionVersion = b.sessionVersion;
        this.iceUfrag = b.iceUfrag;
        this.icePwd = b.icePwd;
        this.fingerprints = List.copyOf(b.fingerprints);
        this.setup = b.setup;
        this.sctpPort = b.sctpPort;
        this.maxMessageSizeBytes = b.maxMessageSizeBytes;
        this.candidates = List.copyOf(b.candidates);
        this.endOfCandidates = b.endOfCandidates;
        this.trickle = b.trickle;
        this.iceLite = b.iceLite;
        this.mid = b.mid;
        this.defaultAddress = b.defaultAddress;
        this.defaultPort = b.defaultPort;
    }

    private static void check(String name, String value) {
        String reason = SdpGrammar.checkAttribute(name, Objects.requireNonNull(value, name));
        if (reason != null) {
            throw new IllegalArgumentException(reason + ": '" + value + "'");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public long sessionId() {
        return sessionId;
    }

    public long sessionVersion() {
        return sessionVersion;
    }

    public String iceUfrag() {
        return iceUfrag;
    }

    public String icePwd() {
        return icePwd;
    }

    public List<String> fingerprints() {
        return fingerprints;
    }

    /** The preferred DTLS role (ACTPASS = no preference). */
    public SetupRole setup() {
        return setup;
    }

    public int sctpPort() {
        return sctpPort;
    }

    public long maxMessageSizeBytes() {
        return maxMessageSizeBytes;
    }

    public List<String> candidates() {
        return candidates;
    }

    public boolean endOfCandidates() {
        return endOfCandidates;
    }

    public boolean trickle() {
        return trickle;
    }

    public boolean iceLite() {
        return iceLite;
    }

    /** The mid of the data section in an offer (an answer reuses the offer's). */
    public String mid() {
        return mid;
    }

    public String defaultAddress() {
        return defaultAddress;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** Builder; defaults: session id 0 (set a random one), version 1, ACTPASS, SCTP 5000, 256 KiB, trickle, mid "0", 0.0.0.0:9. */
    public static final class Builder {
        private long sessionId;
        private long sessionVersion = 1;
        private String iceUfrag;
        private String icePwd;
        private final List<String> fingerprints = new ArrayList<>();
        private SetupRole setup = SetupRole.ACTPASS;
        private int sctpPort = MediaDescription.DEFAULT_SCTP_PORT;
        private long maxMessageSizeBytes = DEFAULT_MAX_MESSAGE_SIZE_BYTES;
        private final List<String> candidates = new ArrayList<>();
        private boolean endOfCandidates;
        private boolean trickle = true;
        private boolean iceLite;
        private String mid = "0";
        private String defaultAddress = "0.0.0.0";
        private int defaultPort = 9;

        private Builder() {
        }

        /** {@code o=} sess-id: a random 62-bit value per RFC 8829 §5.2.1 (callers supply the randomness). */
        public Builder sessionId(long sessionId) {
            this.sessionId = sessionId;
            return this;
        }

        public Builder sessionVersion(long sessionVersion) {
            this.sessionVersion = sessionVersion;
            return this;
        }

        public Builder iceUfrag(String iceUfrag) {
            this.iceUfrag = iceUfrag;
            return this;
        }

        public Builder icePwd(String icePwd) {
            this.icePwd = icePwd;
            return this;
        }

        /** Adds an {@code a=fingerprint} value, e.g. {@code "sha-256 AB:CD:..."}. */
        public Builder fingerprint(String value) {
            fingerprints.add(Objects.requireNonNull(value, "fingerprint"));
            return this;
        }

        public Builder setup(SetupRole setup) {
            this.setup = setup;
            return this;
        }

        public Builder sctpPort(int sctpPort) {
            this.sctpPort = sctpPort;
            return this;
        }

        /** What we accept in one message, 0 for any size (RFC 8841 §6). */
        public Builder maxMessageSizeBytes(long maxMessageSizeBytes) {
            this.maxMessageSizeBytes = maxMessageSizeBytes;
            return this;
        }

        /** Adds a raw {@code a=candidate} value (without {@code "candidate:"}). */
        public Builder candidate(String value) {
            candidates.add(Objects.requireNonNull(value, "candidate"));
            return this;
        }

        public Builder candidates(List<String> values) {
            for (String v : values) {
                candidate(v);
            }
            return this;
        }

        /** Writes {@code a=end-of-candidates}: gathering is complete (non-trickle, or trickle done). */
        public Builder endOfCandidates(boolean endOfCandidates) {
            this.endOfCandidates = endOfCandidates;
            return this;
        }

        /** Writes {@code a=ice-options:trickle} (RFC 8838); on by default. */
        public Builder trickle(boolean trickle) {
            this.trickle = trickle;
            return this;
        }

        /** Writes session-level {@code a=ice-lite} (RFC 8839 §5.3). */
        public Builder iceLite(boolean iceLite) {
            this.iceLite = iceLite;
            return this;
        }

        public Builder mid(String mid) {
            this.mid = mid;
            return this;
        }

        /** Address and port of the default candidate for {@code c=} and the m= port. */
        public Builder defaultCandidate(String address, int port) {
            this.defaultAddress = address;
            this.defaultPort = port;
            return this;
        }

        public DataSessionParameters build() {
            return new DataSessionParameters(this);
        }
    }
}
