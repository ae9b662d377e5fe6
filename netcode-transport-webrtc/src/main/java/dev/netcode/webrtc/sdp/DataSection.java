package dev.netcode.webrtc.sdp;

import dev.netcode.webrtc.sdp.internal.SdpGrammar;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The transport parameters of a description's data-channel m-section, each resolved in the order
 * media section, BUNDLE-tagged section, session (see {@link SessionDescription#resolveAttribute}).
 * This is what the ICE, DTLS and SCTP layers need from a remote description.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>{@link #setup()} is {@code null} when no level carries {@code a=setup}; RFC 4145 §4 then
 *       means {@code active} in an offer and {@code passive} in an answer: use
 *       {@link #setupOrDefault(boolean)}.</li>
 *   <li>{@link #maxMessageSizeBytes()} is 0 when the peer accepts any size (RFC 8841 §6), which
 *       Firefox does not say but Firefox's 1073741823 is effectively the same.</li>
 *   <li>{@link #fingerprints()} are raw values; parse them with
 *       {@code dev.netcode.webrtc.dtls.CertificateFingerprint.parse}. A peer may list several (one
 *       per certificate or hash); the remote certificate must match one of them.</li>
 *   <li>{@link #candidates()} are raw {@code a=candidate} values, including TCP and mDNS ones a UDP
 *       agent must skip; the {@code ice} package parses them.</li>
 * </ul>
 *
 * @param mediaIndex          0-based index of the section among the m= lines
 * @param mid                 {@code a=mid}, or {@code null} for a non-JSEP peer that sent none
 * @param iceUfrag            {@code a=ice-ufrag}
 * @param icePwd              {@code a=ice-pwd}
 * @param iceOptions          tokens of {@code a=ice-options}, e.g. {@code [trickle]}
 * @param iceLite             session-level {@code a=ice-lite}
 * @param fingerprints        {@code a=fingerprint} values, at least one
 * @param setup               {@code a=setup}, or {@code null} when absent
 * @param sctpPort            {@code a=sctp-port}, default 5000 (RFC 8841 §5)
 * @param maxMessageSizeBytes {@code a=max-message-size}, default 65536 (RFC 8841 §6), 0 = any
 * @param candidates          raw {@code a=candidate} values
 * @param endOfCandidates     {@code a=end-of-candidates} present
 */
public record DataSection(int mediaIndex, String mid, String iceUfrag, String icePwd, List<String> iceOptions,
        boolean iceLite, List<String> fingerprints, SetupRole setup, int sctpPort, long maxMessageSizeBytes,
        List<String> candidates, boolean endOfCandidates) {

    public DataSection {
        Objects.requireNonNull(iceUfrag, "iceUfrag");
        Objects.requireNonNull(icePwd, "icePwd");
        iceOptions = List.copyOf(iceOptions);
        fingerprints = List.copyOf(fingerprints);
        candidates = List.copyOf(candidates);
        if (fingerprints.isEmpty()) {
            throw new IllegalArgumentException("at least one fingerprint is required");
        }
    }

    /** {@code a=ice-options:trickle} (RFC 8838). */
    public boolean supportsTrickle() {
        return iceOptions.contains("trickle");
    }

    /** {@link #setup()}, or RFC 4145 §4's default when absent: active in an offer, passive in an answer. */
    public SetupRole setupOrDefault(boolean fromOffer) {
        if (setup != null) {
            return setup;
        }
        return fromOffer ? SetupRole.ACTIVE : SetupRole.PASSIVE;
    }

    static DataSection resolve(SessionDescription sd, int index) throws SdpNegotiationException {
        MediaDescription m = sd.media().get(index);
        String where = "data m-section #" + (index + 1) + m.mid().map(x -> " (mid " + x + ")").orElse("");
        String ufrag = value(sd, m, "ice-ufrag")
                .orElseThrow(() -> new SdpNegotiationException(where + " has no a=ice-ufrag at any level"));
        String pwd = value(sd, m, "ice-pwd")
                .orElseThrow(() -> new SdpNegotiationException(where + " has no a=ice-pwd at any level"));
        List<String> fingerprints = sd.resolveAttributeValues(m, "fingerprint");
        if (fingerprints.isEmpty()) {
            throw new SdpNegotiationException(where + " has no a=fingerprint at any level");
        }
        List<String> options = value(sd, m, "ice-options").map(v -> List.of(v.split(" "))).orElse(List.of());
        SetupRole setup = value(sd, m, "setup").flatMap(SetupRole::fromSdp).orElse(null);
        int sctpPort = m.sctpPort().orElse(MediaDescription.DEFAULT_SCTP_PORT);
        long maxMessageSize = m.maxMessageSize().orElse(MediaDescription.DEFAULT_MAX_MESSAGE_SIZE_BYTES);
        List<String> candidates = sd.resolveAttributeValues(m, "candidate");
        boolean end = sd.resolveAttribute(m, "end-of-candidates").isPresent();
        return new DataSection(index, m.mid().orElse(null), ufrag, pwd, options, sd.isIceLite(), fingerprints,
                setup, sctpPort, maxMessageSize, candidates, end);
    }

    private static Optional<String> value(SessionDescription sd, MediaDescription m, String name) {
        return sd.resolveAttribute(m, name).map(SdpAttribute::value).filter(v -> SdpGrammar.checkAttribute(name, v) == null);
    }
}
