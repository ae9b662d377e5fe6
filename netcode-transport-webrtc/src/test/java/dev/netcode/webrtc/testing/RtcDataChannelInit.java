package dev.netcode.webrtc.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An {@code RTCDataChannelInit}. Null fields are left out so the browser applies its defaults
 * (reliable, ordered, in-band negotiated).
 *
 * <pre>{@code
 * RtcDataChannelInit.reliable().withOrdered(false);
 * RtcDataChannelInit.reliable().withMaxRetransmits(0).withOrdered(false);
 * RtcDataChannelInit.negotiated(4);
 * }</pre>
 */
public record RtcDataChannelInit(Boolean ordered, Integer maxRetransmits, Integer maxPacketLifeTime,
        String protocol, Boolean negotiated, Integer id) {

    /** Browser defaults: reliable and ordered. */
    public static RtcDataChannelInit reliable() {
        return new RtcDataChannelInit(null, null, null, null, null, null);
    }

    /** A pre-agreed ({@code negotiated: true}) channel on stream {@code id}; no DCEP. */
    public static RtcDataChannelInit negotiated(int id) {
        return new RtcDataChannelInit(null, null, null, null, true, id);
    }

    public RtcDataChannelInit withOrdered(boolean value) {
        return new RtcDataChannelInit(value, maxRetransmits, maxPacketLifeTime, protocol, negotiated, id);
    }

    public RtcDataChannelInit withMaxRetransmits(int value) {
        return new RtcDataChannelInit(ordered, value, maxPacketLifeTime, protocol, negotiated, id);
    }

    public RtcDataChannelInit withMaxPacketLifeTime(int valueMs) {
        return new RtcDataChannelInit(ordered, maxRetransmits, valueMs, protocol, negotiated, id);
    }

    public RtcDataChannelInit withProtocol(String value) {
        return new RtcDataChannelInit(ordered, maxRetransmits, maxPacketLifeTime, value, negotiated, id);
    }

    Map<String, Object> toJs() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("ordered", ordered);
        map.put("maxRetransmits", maxRetransmits);
        map.put("maxPacketLifeTime", maxPacketLifeTime);
        map.put("protocol", protocol);
        map.put("negotiated", negotiated);
        map.put("id", id);
        return map;
    }
}
