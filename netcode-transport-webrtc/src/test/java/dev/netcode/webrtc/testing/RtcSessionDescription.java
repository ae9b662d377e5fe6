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
