package dev.netcode.webrtc.dtls;

import java.nio.ByteBuffer;

/**
 * The datagram path below DTLS: the layer underneath (in WebRTC, the selected ICE candidate pair)
 * implements this so that a {@link DtlsEndpoint} can send records without knowing about sockets.
 *
 * <p>Incoming datagrams travel the other way: the layer below calls
 * {@link DtlsEndpoint#receive(ByteBuffer)} for every datagram that RFC 7983 §7 classifies as DTLS
 * (first byte 20..63).
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>{@link #send} is called from several threads: the handshake executor during the handshake,
 *       the caller of {@link DtlsEndpoint#send} afterwards, and the thread that feeds
 *       {@link DtlsEndpoint#receive} (retransmitted final flights, alerts). Implementations must be
 *       thread-safe and must never block for long (queue or drop instead, like UDP).</li>
 *   <li>{@code send} may run while the endpoint holds its lock: never deliver synchronously into
 *       another {@link DtlsEndpoint} on the same call stack (two endpoints doing so at once
 *       deadlock); hand the datagram to a socket or another thread.</li>
 *   <li>The buffer is only valid during the call: copy it (e.g. into a Netty {@code ByteBuf}) before
 *       returning.</li>
 * </ul>
 */
@FunctionalInterface
public interface DatagramPath {

    /**
     * Sends one datagram; the bytes between position and limit are the payload. Failures are not
     * reported: a datagram path is lossy by nature and DTLS retransmits its handshake.
     */
    void send(ByteBuffer datagram);
}
