package dev.netcode.webrtc.ice;

import io.netty.buffer.ByteBuf;

/**
 * Receives every non-STUN datagram (RFC 7983: DTLS is first byte 20..63) that arrives from the
 * remote side of an authenticated candidate pair. Called on the agent's event loop.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>The buffer is released by the agent when the call returns: {@code retain()} it to keep it.</li>
 *   <li>Do not block: the loop also runs the ICE checks of this and other agents.</li>
 * </ul>
 */
@FunctionalInterface
public interface IceDatagramReceiver {
    void onDatagram(ByteBuf datagram);
}
