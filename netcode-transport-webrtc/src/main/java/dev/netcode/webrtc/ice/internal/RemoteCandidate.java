package dev.netcode.webrtc.ice.internal;

import dev.netcode.webrtc.ice.IceCandidate;
import java.net.InetSocketAddress;

/**
 * A remote candidate; {@code address} is null when the SDP address is a host name (e.g. an mDNS
 * {@code .local} name) this agent does not resolve.
 */
public final class RemoteCandidate {
    private final IceCandidate candidate;
    private final InetSocketAddress address;
    private long priority;

    public RemoteCandidate(IceCandidate candidate, InetSocketAddress address) {
        this.candidate = candidate;
        this.address = address;
        this.priority = candidate.priority();
    }

    public IceCandidate candidate() {
        return candidate;
    }

    public InetSocketAddress address() {
        return address;
    }

    public long priority() {
        return priority;
    }
}
