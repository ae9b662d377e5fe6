/**
 * SCTP for WebRTC data channels: RFC 9260 carried over DTLS as RFC 8261 describes (one association
 * per DTLS connection, no IP addresses, ports 5000/5000 by default), with the extensions browsers
 * use: PR-SCTP FORWARD TSN (RFC 3758) for {@code maxRetransmits}/{@code maxPacketLifeTime}
 * channels and stream reset (RFC 6525) for closing channels.
 *
 * <p>{@link dev.netcode.webrtc.sctp.SctpAssociation} is a pure protocol engine. It knows neither
 * sockets nor DTLS nor threads: packets leave through a {@link dev.netcode.webrtc.sctp.SctpPacketSink},
 * arrive through {@code handlePacket}, and time comes from an
 * {@link dev.netcode.webrtc.sctp.SctpScheduler} (a Netty event loop in production, a virtual clock in
 * tests). All calls for one association must come from one thread.
 *
 * <p>Implementation components live in {@code dev.netcode.webrtc.sctp.internal}, one concern per
 * class (wire format, state cookie, send queue, retransmission queue, congestion control, RTO,
 * received-TSN tracking, reassembly, stream reset), in the spirit of Chrome's dcSCTP and unlike a
 * single association class of several thousand lines.
 *
 * <h2>Choices that differ from RFC 9260 defaults</h2>
 * <ul>
 *   <li>RTO minimum 250 ms (RFC: 1 s), maximum 10 s (RFC: 60 s): games need fast recovery. The
 *       RTO's variance term is floored at 250 ms (the peer's 200 ms delayed ACK plus margin), so
 *       RTO = max(250 ms, SRTT + max(4 RTTVAR, 250 ms)) and a lone, delayed-acknowledged packet does
 *       not time out spuriously.</li>
 *   <li>A retransmission lost again is fast-retransmitted again (miss indications counted by
 *       transmission order) instead of waiting for T3-rtx.</li>
 *   <li>SACK immediately on a gap, a filled gap, a duplicate or a FORWARD TSN; otherwise every
 *       second DATA packet or after 200 ms.</li>
 *   <li>Initial congestion window 10 MTUs (RFC: about 4), like dcSCTP and modern TCP.</li>
 *   <li>No association restart and no multi-homing: WebRTC never uses them.</li>
 * </ul>
 */
package dev.netcode.webrtc.sctp;
