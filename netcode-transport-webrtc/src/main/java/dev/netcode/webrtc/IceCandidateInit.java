package dev.netcode.webrtc;

/**
 * A trickled ICE candidate as it travels over signaling, like W3C {@code RTCIceCandidateInit}.
 * An empty {@link #candidate()} means end-of-candidates (RFC 8838 §8.2), as in browsers.
 *
 * @param candidate     {@code candidate:...} (with or without the {@code candidate:} prefix), or
 *                      {@code ""} for end-of-candidates
 * @param sdpMid        the data section's {@code a=mid}, or null
 * @param sdpMLineIndex the data section's index, or -1 when unknown
 */
public record IceCandidateInit(String candidate, String sdpMid, int sdpMLineIndex) {

    public IceCandidateInit {
        candidate = candidate == null ? "" : candidate;
    }

    /** A candidate of the given section. */
    public static IceCandidateInit of(String candidate, String sdpMid) {
        return new IceCandidateInit(candidate, sdpMid, 0);
    }

    /** The end-of-candidates marker. */
    public static IceCandidateInit endOfCandidates(String sdpMid) {
        return new IceCandidateInit("", sdpMid, 0);
    }

    /** True for the end-of-candidates marker. */
    public boolean isEndOfCandidates() {
        return candidate.isBlank();
    }
}
