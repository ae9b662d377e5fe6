/**
 * STUN (RFC 8489) as ICE uses it: {@link dev.netcode.webrtc.stun.StunMessage} decodes a datagram
 * into a read-only, validated view; {@link dev.netcode.webrtc.stun.StunMessageWriter} writes a
 * message straight into a Netty buffer with MESSAGE-INTEGRITY (HMAC-SHA1) and FINGERPRINT
 * (CRC-32 xor 0x5354554E). Hostile input only ever yields a
 * {@link dev.netcode.webrtc.stun.StunParseException} with a {@code Reason}.
 *
 * <p>Verified against every RFC 5769 test vector and fuzzed with Jazzer.
 */
package dev.netcode.webrtc.stun;
