/**
 * The arena over the network, on netcode-core's API only, so it runs over any
 * {@link dev.netcode.core.transport.Transport} (in-memory in tests, WebRTC in the playtest).
 *
 * <ul>
 *   <li>{@link dev.netcode.sample.net.ArenaProtocol}: the message registry, the replicated player
 *       schema and the network settings both ends must share.</li>
 *   <li>{@link dev.netcode.sample.net.ArenaHost}: the authoritative host (fixed tick, input
 *       buffers, lag-compensated hits, snapshot replication).</li>
 *   <li>{@link dev.netcode.sample.net.ArenaClient}: a player's session (prediction of the local
 *       player, interpolation of the others), used by the desktop client and by bots.</li>
 * </ul>
 */
package dev.netcode.sample.net;
