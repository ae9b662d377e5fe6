/**
 * Data channel wire pieces: the DCEP codec (RFC 8832: {@link dev.netcode.webrtc.datachannel.DataChannelOpen},
 * {@link dev.netcode.webrtc.datachannel.DataChannelAck}), the SCTP PPIDs of RFC 8831 §8
 * ({@link dev.netcode.webrtc.datachannel.Ppid}), W3C-style channel parameters
 * ({@link dev.netcode.webrtc.datachannel.DataChannelParameters}) and stream-id allocation by DTLS
 * role ({@link dev.netcode.webrtc.datachannel.StreamIdAllocator}). Independent of the SCTP
 * association, which carries these messages.
 */
package dev.netcode.webrtc.datachannel;
