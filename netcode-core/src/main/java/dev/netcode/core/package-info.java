/**
 * Netcode core: the API a game programs against.
 *
 * <h2>User guide</h2>
 * A game creates one {@link dev.netcode.core.MessageRegistry} (the same on both ends), a
 * {@link dev.netcode.core.NetConfig}, a {@link dev.netcode.core.transport.Transport} (WebRTC in
 * production, {@link dev.netcode.core.transport.memory.InMemoryNetwork} in tests), and a
 * {@link dev.netcode.core.NetServer} or {@link dev.netcode.core.NetClient} with a
 * {@link dev.netcode.core.NetListener}. It then calls {@code update()} once per frame; every
 * callback runs inside that call, on the render thread.
 *
 * <pre>{@code
 * public class ArenaGame extends ApplicationAdapter implements NetListener {
 *     NetClient client;
 *     final Vector2 me = new Vector2();
 *
 *     public void create() {
 *         MessageRegistry registry = Messages.registry();          // shared with the server
 *         NetConfig config = NetConfig.builder("arena/1").build();
 *         Transport transport = WebRtc.transport(lobbyUrl);        // or network.transport()
 *         if (debugLag) transport = Transports.conditioned(transport, LinkPreset.BROADBAND_P95, 1L);
 *         client = new NetClient(config, registry, transport, this);
 *         client.connect("room-42");
 *     }
 *
 *     public void render() {
 *         client.update();                                        // callbacks run here
 *         Input in = pollInput();
 *         client.send(in, Channel.UNRELIABLE_SEQUENCED);          // newest input wins
 *         draw(me, client.connection().stats().smoothedRttMs());
 *     }
 *
 *     public void received(Connection c, Object m, Channel ch) {
 *         if (m instanceof WorldState s) me.set(s.x, s.y);        // game thread: no locks
 *         else if (m instanceof ChatLine line) chat.add(line.text);
 *     }
 *
 *     public void disconnected(Connection c, DisconnectReason why) {
 *         showError(why + ": " + c.disconnectDetail());           // e.g. REGISTRATION_MISMATCH
 *     }
 *
 *     public void dispose() { client.close(); }
 * }
 * }</pre>
 *
 * <h2>Pieces</h2>
 * <ul>
 *   <li>{@link dev.netcode.core.Channel}: per-send choice of reliable-ordered, unreliable-sequenced, unreliable.</li>
 *   <li>{@link dev.netcode.core.DisconnectReason}: why a connection ended, reported on both sides.</li>
 *   <li>{@link dev.netcode.core.ConnectionStats}: RTT, jitter, loss, rates per connection.</li>
 *   <li>{@link dev.netcode.core.transport}: the transport SPI; {@code conditioner}: the link conditioner.</li>
 * </ul>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Forgetting {@code update()}: nothing is delivered, and after
 *       {@link dev.netcode.core.NetConfig#maxPendingMessages()} the connection ends with
 *       {@link dev.netcode.core.DisconnectReason#RECEIVE_QUEUE_FULL}.</li>
 *   <li>Reliable sends throw {@link dev.netcode.core.transport.BackpressureException} when the link
 *       cannot keep up; check {@link dev.netcode.core.Connection#isWritable()} before bulk data.</li>
 *   <li>Registering classes in a different order on client and server is a
 *       {@link dev.netcode.core.DisconnectReason#REGISTRATION_MISMATCH}, by design.</li>
 * </ul>
 */
package dev.netcode.core;
