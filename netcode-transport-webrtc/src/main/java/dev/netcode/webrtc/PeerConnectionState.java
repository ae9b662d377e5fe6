package dev.netcode.webrtc;

/**
 * The aggregate state of a {@link PeerConnection}, with W3C {@code RTCPeerConnectionState}
 * semantics over the one ICE transport and the one DTLS transport of a data-only session:
 *
 * <table>
 *   <caption>How the state is derived (first row that applies)</caption>
 *   <tr><th>state</th><th>when</th></tr>
 *   <tr><td>CLOSED</td><td>{@link PeerConnection#close()} was called</td></tr>
 *   <tr><td>FAILED</td><td>ICE failed (no pair, or consent expired) or DTLS failed (e.g. fingerprint mismatch)</td></tr>
 *   <tr><td>DISCONNECTED</td><td>ICE lost consent for {@code disconnectedTimeoutMs}, or the peer closed DTLS</td></tr>
 *   <tr><td>NEW</td><td>ICE has not started and DTLS does not exist yet</td></tr>
 *   <tr><td>CONNECTED</td><td>ICE connected or completed, and DTLS connected (fingerprint verified)</td></tr>
 *   <tr><td>CONNECTING</td><td>otherwise: ICE checking, or DTLS handshaking</td></tr>
 * </table>
 */
public enum PeerConnectionState {
    NEW,
    CONNECTING,
    CONNECTED,
    DISCONNECTED,
    FAILED,
    CLOSED;

    /** FAILED or CLOSED: nothing will ever connect again on this connection (no ICE restart). */
    public boolean isTerminal() {
        return this == FAILED || this == CLOSED;
    }
}
