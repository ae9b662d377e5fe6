/**
 * Network impairment for tests and the launcher: {@link dev.netcode.webrtc.impairment.UdpImpairmentRelay}
 * forwards UDP between a peer and its client with seeded loss, duplication, reordering, delay and
 * jitter ({@link dev.netcode.webrtc.impairment.ImpairmentConfig}, with named presets), bounded
 * memory, and {@link dev.netcode.webrtc.impairment.ImpairmentCounters} to assert on.
 */
package dev.netcode.webrtc.impairment;
