/**
 * SDP for WebRTC data sessions: parse, model and generate session descriptions per RFC 8866, JSEP
 * (RFC 8829) and SCTP-over-DTLS in SDP (RFC 8841).
 *
 * <ul>
 *   <li>{@link dev.netcode.webrtc.sdp.SessionDescription} / {@link dev.netcode.webrtc.sdp.MediaDescription}:
 *       immutable model that keeps every line, including unknown attributes, so descriptions
 *       round-trip byte for byte.</li>
 *   <li>{@link dev.netcode.webrtc.sdp.SdpParser}: bounded parser of hostile input with typed,
 *       line-numbered {@link dev.netcode.webrtc.sdp.SdpParseException}s.</li>
 *   <li>{@link dev.netcode.webrtc.sdp.DataSection}: the ICE/DTLS/SCTP parameters of the data
 *       section, with session-level and BUNDLE fallbacks resolved.</li>
 *   <li>{@link dev.netcode.webrtc.sdp.DataChannelSdp}: writes data-only offers and answers; answers
 *       offers that also carry audio/video by rejecting those sections (port 0).</li>
 * </ul>
 *
 * This package depends on nothing else in the transport: candidates stay raw strings for the
 * {@code ice} package, fingerprints raw values for the {@code dtls} package.
 */
package dev.netcode.webrtc.sdp;
