package dev.netcode.webrtc.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An {@code RTCSessionDescriptionInit} as it crosses between Java and the browser: {@code type}
 * ({@code offer}, {@code answer}, {@code pranswer}, {@code rollback}) and the SDP text exactly as
 * the browser produced it (CRLF line endings).
 */
public record RtcSessionDescription(String type, String sdp) {

    public RtcSessionDescription {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(sdp, "sdp");
    }

    public static RtcSessionDescription offer(String sdp) {
        return new RtcSessionDescription("offer", sdp);
    }

    public static RtcSessionDescription answer(String sdp) {
        return new RtcSessionDescription("answer", sdp);
    }

    /** The SDP's lines without their line terminators. */
    public java.util.List<String> lines() {
        return sdp.lines().toList();
    }

    /** The lines that start with {@code prefix}, e.g. {@code "a=candidate:"}. */
    public java.util.List<String> linesStartingWith(String prefix) {
        return sdp.lines().filter(line -> line.startsWith(prefix)).toList();
    }

    /** The {@code a=candidate} lines as candidates (for the bundled m-section, {@code sdpMid "0"}). */
    public java.util.List<RtcIceCandidate> candidates() {
        return linesStartingWith("a=candidate:").stream().map(line -> RtcIceCandidate.of(line.substring(2))).toList();
    }

    /**
     * A copy with every {@code a=candidate}/{@code a=end-of-candidates} line removed and
     * {@code candidateLines} (full lines, {@code a=candidate:...}) inserted after each
     * {@code a=mid} line. With an empty list the peer learns no address from the SDP at all, the
     * way to force peer-reflexive discovery or to route a peer through an impairment relay.
     */
    public RtcSessionDescription withCandidateLines(java.util.List<String> candidateLines) {
        StringBuilder out = new StringBuilder(sdp.length());
        for (String line : lines()) {
            if (line.startsWith("a=candidate:") || line.startsWith("a=end-of-candidates")) {
                continue;
            }
            out.append(line).append("\r\n");
            if (line.startsWith("a=mid:")) {
                for (String candidate : candidateLines) {
                    out.append(candidate).append("\r\n");
                }
            }
        }
        return new RtcSessionDescription(type, out.toString());
    }

    Map<String, Object> toJs() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("type", type);
        map.put("sdp", sdp);
        return map;
    }

    static RtcSessionDescription fromJs(Object value) {
        if (value == null) {
            return null;
        }
        Map<?, ?> map = (Map<?, ?>) value;
        return new RtcSessionDescription((String) map.get("type"), (String) map.get("sdp"));
    }
}
