package dev.netcode.webrtc.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An {@code RTCIceCandidateInit}: the candidate attribute value (without {@code a=}, starting
 * {@code candidate:}), the media id and index it belongs to, and the ufrag (may be null).
 */
public record RtcIceCandidate(String candidate, String sdpMid, Integer sdpMLineIndex, String usernameFragment) {

    public RtcIceCandidate {
        Objects.requireNonNull(candidate, "candidate");
    }

    /** A candidate for the first (bundled) m-section, {@code sdpMid "0"}. */
    public static RtcIceCandidate of(String candidate) {
        return new RtcIceCandidate(candidate, "0", 0, null);
    }

    /** True for an mDNS host candidate ({@code <uuid>.local}), which only the browser can resolve. */
    public boolean isMdns() {
        String[] fields = candidate.split(" ");
        return fields.length > 4 && fields[4].endsWith(".local");
    }

    /** The transport field ({@code udp} or {@code tcp}), lower case. */
    public String protocol() {
        String[] fields = candidate.split(" ");
        return fields.length > 2 ? fields[2].toLowerCase(java.util.Locale.ROOT) : "";
    }

    /** The connection address field (an IP literal or an mDNS name). */
    public String address() {
        String[] fields = candidate.split(" ");
        return fields.length > 4 ? fields[4] : "";
    }

    /** The candidate type after {@code typ} ({@code host}, {@code srflx}, {@code prflx}, {@code relay}). */
    public String type() {
        String[] fields = candidate.split(" ");
        for (int i = 0; i + 1 < fields.length; i++) {
            if (fields[i].equals("typ")) {
                return fields[i + 1];
            }
        }
        return "";
    }

    Map<String, Object> toJs() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("candidate", candidate);
        map.put("sdpMid", sdpMid);
        map.put("sdpMLineIndex", sdpMLineIndex);
        if (usernameFragment != null) {
            map.put("usernameFragment", usernameFragment);
        }
        return map;
    }

    static RtcIceCandidate fromJs(Object value) {
        Map<?, ?> map = (Map<?, ?>) value;
        Object index = map.get("sdpMLineIndex");
        return new RtcIceCandidate((String) map.get("candidate"), (String) map.get("sdpMid"),
                index == null ? null : ((Number) index).intValue(), (String) map.get("usernameFragment"));
    }
}
