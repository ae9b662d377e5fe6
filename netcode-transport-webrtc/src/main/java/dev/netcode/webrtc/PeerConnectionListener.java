package dev.netcode.webrtc;

import dev.netcode.webrtc.datachannel.DataChannel;
import dev.netcode.webrtc.ice.IceConnectionState;

/**
 * Events of a {@link PeerConnection}, like the W3C event handlers. Every method has an empty
 * default. All are called on {@link PeerConnectionConfig#callbackExecutor()}, which by default is
 * the connection's Netty event loop: do not block there.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>With the default executor, {@link #onConnectionStateChange} runs before
 *       {@link PeerConnection#connected()} completes; with another executor the two race.</li>
 *   <li>A listener that throws is logged and skipped; the connection carries on.</li>
 * </ul>
 */
public interface PeerConnectionListener {

    /**
     * A local candidate was gathered: send it to the peer, which passes it to
     * {@link PeerConnection#addIceCandidate} (trickle ICE, RFC 8838). The last call carries the
     * end-of-candidates marker ({@link IceCandidateInit#isEndOfCandidates()}).
     */
    default void onIceCandidate(IceCandidateInit candidate) {
    }

    /**
     * Gathering finished; {@code localDescription} has every candidate and
     * {@code a=end-of-candidates} (what a non-trickle peer sends).
     */
    default void onIceGatheringComplete(SessionDescriptionInit localDescription) {
    }

    /**
     * W3C {@code negotiationneeded}: an ICE restart is due ({@link PeerConnection#restartIce()}, or
     * consent lost for {@link dev.netcode.webrtc.ice.IceConfig#consentLossRestartMs()} on the side
     * that made the first offer). Create an offer, apply it with
     * {@link PeerConnection#setLocalDescription} and send it; apply the peer's answer as usual.
     */
    default void onNegotiationNeeded() {
    }

    default void onIceConnectionStateChange(IceConnectionState previous, IceConnectionState current) {
    }

    default void onConnectionStateChange(PeerConnectionState previous, PeerConnectionState current) {
    }

    /**
     * W3C {@code datachannel} event: the peer announced a channel, which is already {@code OPEN}.
     * Set its listener here. Runs on the callback executor; with a non-default executor, hop back to
     * {@link PeerConnection#eventLoop()} before touching the channel.
     */
    default void onDataChannel(DataChannel channel) {
    }
}
