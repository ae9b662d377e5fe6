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
     * Sends {@code datagram} (position to limit) to {@code recipient} on the calling thread, which
     * need not be the event loop, if this socket can; returns false without sending when it cannot
     * (the caller then hands the datagram to {@link #send} on the loop). A datagram the kernel
     * refuses (send buffer full) counts as sent: UDP may lose it anyway.
     */
    default boolean sendFromAnyThread(java.nio.ByteBuffer datagram, InetSocketAddress recipient) {
        return false;
    }

    /**
     * Called once a request from {@code remote} authenticated: a shared port routes later non-STUN
     * datagrams from that address to the agent. A dedicated socket ignores it.
     */
    default void remoteAuthenticated(InetSocketAddress remote) {
    }

    /**
     * An ICE restart brings a new local ufrag: a shared port must route requests for it to this
     * agent too. Returns false when another agent on the port already uses it.
     */
    default boolean claimUfrag(String ufrag) {
        return true;
    }

    /** The ufrag of an ended generation: a shared port stops routing it. */
    default void releaseUfrag(String ufrag) {
    }
}
