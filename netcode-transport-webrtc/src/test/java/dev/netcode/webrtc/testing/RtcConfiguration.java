package dev.netcode.webrtc.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The subset of {@code RTCConfiguration} the tests need: ICE servers and the transport policy
 * ({@code all} or {@code relay}).
 *
 * <pre>{@code
 * RtcConfiguration.defaults()
 *     .withIceServer(new RtcConfiguration.IceServer(List.of("turn:127.0.0.1:3478"), "user", "secret"))
 *     .withIceTransportPolicy("relay");
 * }</pre>
 */
public record RtcConfiguration(List<IceServer> iceServers, String iceTransportPolicy) {

    /** One {@code RTCIceServer}; username and credential are null for STUN. */
    public record IceServer(List<String> urls, String username, String credential) {
        public IceServer {
            urls = List.copyOf(urls);
        }

        public static IceServer stun(String url) {
            return new IceServer(List.of(url), null, null);
        }

        Map<String, Object> toJs() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("urls", urls);
            if (username != null) {
                map.put("username", username);
            }
            if (credential != null) {
                map.put("credential", credential);
            }
            return map;
        }
    }

    public RtcConfiguration {
        iceServers = List.copyOf(iceServers);
        Objects.requireNonNull(iceTransportPolicy, "iceTransportPolicy");
        if (!iceTransportPolicy.equals("all") && !iceTransportPolicy.equals("relay")) {
            throw new IllegalArgumentException("iceTransportPolicy must be 'all' or 'relay': " + iceTransportPolicy);
        }
    }

    /** No ICE servers, policy {@code all}: what {@code new RTCPeerConnection()} uses. */
    public static RtcConfiguration defaults() {
        return new RtcConfiguration(List.of(), "all");
    }

    public RtcConfiguration withIceServer(IceServer server) {
        List<IceServer> servers = new ArrayList<>(iceServers);
        servers.add(server);
        return new RtcConfiguration(servers, iceTransportPolicy);
    }

    public RtcConfiguration withIceTransportPolicy(String policy) {
        return new RtcConfiguration(iceServers, policy);
    }

    Map<String, Object> toJs() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("iceServers", iceServers.stream().map(IceServer::toJs).toList());
        map.put("iceTransportPolicy", iceTransportPolicy);
        return map;
    }
}
