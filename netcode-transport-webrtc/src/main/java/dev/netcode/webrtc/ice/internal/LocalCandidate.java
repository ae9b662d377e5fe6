package dev.netcode.webrtc.ice.internal;

import dev.netcode.webrtc.ice.IceCandidate;
import java.net.InetSocketAddress;

/** A local candidate with its base socket (RFC 8445 §5.1.1). */
public record LocalCandidate(IceCandidate candidate, InetSocketAddress address, IceSocket base, int localPreference) {
}
