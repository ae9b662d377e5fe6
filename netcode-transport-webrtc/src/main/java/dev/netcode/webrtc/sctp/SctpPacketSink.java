package dev.netcode.webrtc.sctp;

import java.nio.ByteBuffer;

/**
 * The layer below an association (DTLS in WebRTC, RFC 8261): it carries one whole SCTP packet per
 * call. The association never knows about addresses, sockets or encryption.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>The buffer is only valid during the call: the association reuses it for the next packet.
 *       Encrypt or copy it before returning.</li>
 *   <li>Called on the association's thread, possibly from inside {@code handlePacket},
 *       {@code send} or a timer. Do not block.</li>
 * </ul>
 */
@FunctionalInterface
public interface SctpPacketSink {
    /** Transmits {@code packet} (position..limit) as one datagram; losing it is allowed. */
    void sendPacket(ByteBuffer packet);
}
