package dev.netcode.webrtc.ice;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;

/**
 * The datagram path ICE offers the layer above (DTLS): send on the selected candidate pair, receive
 * what the remote peer sends on any authenticated pair. {@link IceAgent} implements it; DTLS needs
 * nothing else from ICE.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Set the receiver before starting the agent: the controlling peer may send its first DTLS
 *       flight the moment it nominates, before this side has seen the nomination.</li>
 *   <li>Before a pair is selected the controlled side sends on the best pair that has succeeded
 *       (as libwebrtc does); with no such pair the datagram is dropped and counted.</li>
 *   <li>After consent expired (state FAILED) or {@code close()}, {@link #send} drops: RFC 7675 forbids
 *       sending without consent.</li>
 * </ul>
 */
public interface IceDatagramTransport {
    /** The loop that runs this agent; the receiver is called on it. */
    EventLoop eventLoop();

    /**
     * Sends one datagram on the selected pair and takes ownership of {@code datagram}. May be called
     * from any thread (off the loop it is handed over to the loop).
     *
     * @return false when the datagram was dropped because no pair is usable (only known on the loop;
     *     off the loop true means "handed over")
     */
    boolean send(ByteBuf datagram);

    /** Replaces the receiver of non-STUN datagrams. */
    void setReceiver(IceDatagramReceiver receiver);

    /** Remote address of the selected pair, or null. */
    InetSocketAddress remoteAddress();

    /** Local (base) address of the selected pair, or null. */
    InetSocketAddress localAddress();
}
