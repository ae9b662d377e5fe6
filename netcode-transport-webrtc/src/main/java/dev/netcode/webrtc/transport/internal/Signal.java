package dev.netcode.webrtc.transport.internal;

import java.util.Objects;

/**
 * One signaling message of the WebRTC transport, as carried in a {@code WebRtcSignaling} payload.
 *
 * <h2>Wire format</h2>
 * A flat JSON object (RFC 8259) whose values are all strings; unknown members are ignored so that
 * later versions can add some:
 * <pre>
 *   {"v":"1","type":"offer","conn":"9f2c...","sdp":"v=0\r\n..."}
 *   {"v":"1","type":"answer","conn":"9f2c...","sdp":"v=0\r\n..."}
 *   {"v":"1","type":"candidate","conn":"9f2c...","candidate":"candidate:1 1 udp ...","mid":"0"}
 *   {"v":"1","type":"candidate","conn":"9f2c...","candidate":"","mid":"0"}     (end of candidates)
 *   {"v":"1","type":"bye","conn":"9f2c...","reason":"handshake timeout"}
 * </pre>
 * {@code conn} is chosen by the offerer (random, at most {@value #MAX_CONNECTION_ID_CHARS}
 * characters) and, together with the sender's peer id, names the connection on both sides.
 *
 * @param type      what this is
 * @param connectionId the offerer's connection id
 * @param value     SDP for offer/answer, the candidate line for candidate (empty = end), the reason for bye
 * @param mid       the candidate's media id (candidate only, else null)
 */
public record Signal(Type type, String connectionId, String value, String mid) {
    public static final String VERSION = "1";
    public static final int MAX_CONNECTION_ID_CHARS = 64;

    public enum Type {
        OFFER("offer", "sdp"), ANSWER("answer", "sdp"), CANDIDATE("candidate", "candidate"), BYE("bye", "reason");

        final String wireName;
        final String valueField;

        Type(String wireName, String valueField) {
            this.wireName = wireName;
            this.valueField = valueField;
        }
    }

    public Signal {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(value, "value");
    }

    public static Signal offer(String conn, String sdp) {
        return new Signal(Type.OFFER, conn, sdp, null);
    }

    public static Signal answer(String conn, String sdp) {
        return new Signal(Type.ANSWER, conn, sdp, null);
    }

    public static Signal candidate(String conn, String candidate, String mid) {
        return new Signal(Type.CANDIDATE, conn, candidate, mid);
    }

    public static Signal bye(String conn, String reason) {
        return new Signal(Type.BYE, conn, reason, null);
    }

    /** The payload text. */
    public String encode() {
        StringBuilder sb = new StringBuilder(value.length() + 64);
        sb.append('{');
        JsonFlat.member(sb, "v", VERSION).append(',');
        JsonFlat.member(sb, "type", type.wireName).append(',');
        JsonFlat.member(sb, "conn", connectionId).append(',');
        JsonFlat.member(sb, type.valueField, value);
        if (mid != null) {
            sb.append(',');
            JsonFlat.member(sb, "mid", mid);
        }
        return sb.append('}').toString();
    }

    /**
     * Parses a payload (bound its length before calling).
     *
     * @throws SignalFormatException for anything but a well-formed signal of a known type
     */
    public static Signal decode(String payload) throws SignalFormatException {
        java.util.Map<String, String> m = JsonFlat.parse(payload);
        if (!VERSION.equals(m.get("v"))) {
            throw new SignalFormatException("unsupported signal version " + m.get("v"));
        }
        String typeName = m.get("type");
        Type type = null;
        for (Type t : Type.values()) {
            if (t.wireName.equals(typeName)) {
                type = t;
            }
        }
        if (type == null) {
            throw new SignalFormatException("unknown signal type");
        }
        String conn = m.get("conn");
        if (conn == null || conn.isEmpty() || conn.length() > MAX_CONNECTION_ID_CHARS) {
            throw new SignalFormatException("missing or oversized 'conn'");
        }
        String value = m.get(type.valueField);
        if (value == null) {
            if (type != Type.BYE) {
                throw new SignalFormatException("missing '" + type.valueField + "'");
            }
            value = "";
        }
        return new Signal(type, conn, value, type == Type.CANDIDATE ? m.getOrDefault("mid", "0") : null);
    }
}
