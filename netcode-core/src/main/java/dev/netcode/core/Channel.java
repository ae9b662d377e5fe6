package dev.netcode.core;

/**
 * How a message travels: choose per send.
 *
 * <table>
 *   <caption>Delivery guarantees</caption>
 *   <tr><th>channel</th><th>arrives</th><th>order</th><th>use for</th><th>WebRTC mapping</th></tr>
 *   <tr><td>{@link #RELIABLE_ORDERED}</td><td>exactly once</td><td>send order</td>
 *       <td>events, RPCs, chat, entity create/destroy</td><td>ordered, reliable DataChannel</td></tr>
 *   <tr><td>{@link #UNRELIABLE_SEQUENCED}</td><td>at most once</td><td>never older after newer</td>
 *       <td>inputs, snapshots: only the newest matters</td><td>unordered, maxRetransmits=0</td></tr>
 *   <tr><td>{@link #UNRELIABLE}</td><td>at most once per copy the link made</td><td>any</td>
 *       <td>fire-and-forget effects</td><td>unordered, maxRetransmits=0</td></tr>
 * </table>
 *
 * <p>The "never older after newer" rule of {@link #UNRELIABLE_SEQUENCED} is enforced by core with a
 * 16-bit sequence number on top of any transport's unreliable delivery, so a transport need not
 * implement it.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Reliable-ordered traffic suffers head-of-line blocking: one lost packet delays every later
 *       reliable message until it is retransmitted. Do not send per-tick state on it.</li>
 *   <li>Unreliable messages are dropped, not queued, when the send buffer is full (see
 *       {@link ConnectionStats#messagesDroppedOnSend()}).</li>
 * </ul>
 */
public enum Channel {
    RELIABLE_ORDERED,
    UNRELIABLE_SEQUENCED,
    UNRELIABLE;

    /** Whether the transport must retransmit and order messages of this channel. */
    public boolean isReliable() {
        return this == RELIABLE_ORDERED;
    }
}
