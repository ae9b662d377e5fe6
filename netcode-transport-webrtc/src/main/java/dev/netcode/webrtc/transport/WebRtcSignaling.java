package dev.netcode.webrtc.transport;

import java.util.concurrent.CompletableFuture;

/**
 * The signaling channel a {@link WebRtcTransport} needs: a mailbox that sends opaque text payloads
 * to another peer by id and receives payloads with the sender's id. WebRTC cannot start without
 * one (offer, answer and ICE candidates must reach the peer before any UDP packet can); what
 * carries them is up to you: {@link LoopbackSignaling} in one process, a lobby's WebSocket relay
 * between machines, HTTP, anything that moves strings.
 *
 * <h2>Adapting a lobby client</h2>
 * The interface is shaped so that netcode-lobby's client adapts in three lines:
 * <pre>{@code
 * WebRtcSignaling signaling = new WebRtcSignaling() {
 *     public String localPeerId() { return lobby.userId(); }
 *     public CompletableFuture<Void> send(String to, String payload) { return lobby.sendSignal(to, payload); }
 *     public void setListener(Listener l) { lobby.setSignalListener(l == null ? null : l::onSignal); }
 * };
 * }</pre>
 * The transport encodes offers, answers, candidates and byes itself as small JSON objects in the
 * payload; the carrier never needs to look inside.
 *
 * <h2>Contract for implementers</h2>
 * <ul>
 *   <li>{@code from} in {@link Listener#onSignal} must be the real sender (a relay sets it; the
 *       sender cannot choose it). The transport keys its sessions by it.</li>
 *   <li>Payloads from one sender must arrive in the order they were sent (trickled candidates
 *       follow their description).</li>
 *   <li>The listener is called on the carrier's thread and must not be blocked: the transport
 *       only parses the payload and hands it to a connection's event loop.</li>
 *   <li>A payload is at most a few KiB (an SDP with candidates); a carrier may cap it (the lobby
 *       caps at 32 768 characters).</li>
 * </ul>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Set by the transport: one transport per signaling endpoint. Two transports sharing one
 *       endpoint would steal each other's listener.</li>
 *   <li>Every payload is hostile input: the transport bounds and validates what it parses, a
 *       carrier does not need to.</li>
 * </ul>
 */
public interface WebRtcSignaling {

    /** Receives payloads addressed to {@link #localPeerId()}. */
    @FunctionalInterface
    interface Listener {
        /**
         * @param fromPeerId the sender, as authenticated by the carrier
         * @param payload    the opaque payload exactly as sent
         */
        void onSignal(String fromPeerId, String payload);
    }

    /** This endpoint's id: the address other peers {@link WebRtcTransport#connect} to. */
    String localPeerId();

    /**
     * Sends {@code payload} to {@code toPeerId}. Completes when the carrier accepted (or relayed)
     * it; fails when the peer is unknown or offline, or the carrier is closed. Must not block.
     */
    CompletableFuture<Void> send(String toPeerId, String payload);

    /** Sets the receiver of incoming payloads, replacing any previous one; {@code null} removes it. */
    void setListener(Listener listener);
}
