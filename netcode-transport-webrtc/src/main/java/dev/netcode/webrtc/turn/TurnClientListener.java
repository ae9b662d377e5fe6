package dev.netcode.webrtc.turn;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;

/** Receives what a {@link TurnClient} relays back from peers. Called on the client's event loop. */
public interface TurnClientListener {
    /**
     * A datagram {@code peer} sent to the relayed address (from a Data indication or ChannelData).
     * {@code data} is only valid during the call and is released afterwards: copy or retain it.
     */
    void onData(InetSocketAddress peer, ByteBuf data);

    /** The allocation is gone: a refresh failed, the TCP connection closed, or the server refused it. */
    default void onAllocationLost(TurnException cause) {
    }
}
