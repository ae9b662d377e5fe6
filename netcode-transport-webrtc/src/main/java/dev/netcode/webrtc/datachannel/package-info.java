/**
 * WebRTC data channels (RFC 8831) and their establishment protocol DCEP (RFC 8832), on top of an
 * {@link dev.netcode.webrtc.sctp.SctpAssociation}.
 *
 * <ul>
 *   <li>{@link dev.netcode.webrtc.datachannel.DataChannelManager}: the association's listener; creates
 *       channels (announced with DCEP or negotiated), answers the peer's DATA_CHANNEL_OPEN, dispatches
 *       messages by stream id, closes channels with stream resets, bounds the channel count.</li>
 *   <li>{@link dev.netcode.webrtc.datachannel.DataChannel}: the W3C-like channel ({@code send},
 *       {@code readyState}, {@code bufferedAmount}, low threshold, {@code close}) and its
 *       {@link dev.netcode.webrtc.datachannel.DataChannelListener}.</li>
 *   <li>{@link dev.netcode.webrtc.datachannel.DataChannelEcho}: the echo peer of
 *       {@code ./netcode echo-peer serve} and of the tests.</li>
 *   <li>Wire pieces: the DCEP codec ({@link dev.netcode.webrtc.datachannel.DataChannelOpen},
 *       {@link dev.netcode.webrtc.datachannel.DataChannelAck}), the PPIDs of RFC 8831 §8
 *       ({@link dev.netcode.webrtc.datachannel.Ppid}), W3C channel parameters
 *       ({@link dev.netcode.webrtc.datachannel.DataChannelParameters}) and stream ids by DTLS role
 *       ({@link dev.netcode.webrtc.datachannel.StreamIdAllocator}).</li>
 * </ul>
 *
 * <p>Everything here runs on the association's thread (a Netty event loop in production, a virtual
 * clock in tests) and takes no locks. Errors are {@link dev.netcode.webrtc.datachannel.DataChannelException}s
 * with a {@link dev.netcode.webrtc.datachannel.DataChannelException.Kind}.
 */
package dev.netcode.webrtc.datachannel;
