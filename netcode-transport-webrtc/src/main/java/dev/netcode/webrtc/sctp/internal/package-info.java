/**
 * The parts of the SCTP engine, each testable alone: chunk records with their RFC diagrams and
 * {@link dev.netcode.webrtc.sctp.internal.SctpPacketCodec} (wire format),
 * {@link dev.netcode.webrtc.sctp.internal.StateCookie} (handshake),
 * {@link dev.netcode.webrtc.sctp.internal.SendQueue} (queued messages and bufferedAmount),
 * {@link dev.netcode.webrtc.sctp.internal.RetransmissionQueue} (SACK, fast retransmit, PR-SCTP),
 * {@link dev.netcode.webrtc.sctp.internal.CongestionControl} and
 * {@link dev.netcode.webrtc.sctp.internal.RtoEstimator},
 * {@link dev.netcode.webrtc.sctp.internal.ReceivedTsnTracker} and
 * {@link dev.netcode.webrtc.sctp.internal.ReassemblyQueue} (receiving side),
 * {@link dev.netcode.webrtc.sctp.internal.StreamResetHandler} (RFC 6525). No compatibility promise.
 */
package dev.netcode.webrtc.sctp.internal;
