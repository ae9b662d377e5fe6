package dev.netcode.webrtc.ice.internal;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;

/**
 * A UDP socket an agent sends from: its own bound channel, or a shared mux port. It is the "base" of
 * the host candidate with the same address (RFC 8445 §5.1.1.1).
 */
public interface IceSocket {
    /** The bound local address. */
    InetSocketAddress localAddress();

    /** Sends {@code datagram} (ownership passes) to {@code recipient}. */
    void send(ByteBuf datagram, InetSocketAddress recipient);

    /**
     * Called once a request from {@code remote} authenticated: a shared port routes later non-STUN
     * datagrams from that address to the agent. A dedicated socket ignores it.
     */
    default void remoteAuthenticated(InetSocketAddress remote) {
    }
}
