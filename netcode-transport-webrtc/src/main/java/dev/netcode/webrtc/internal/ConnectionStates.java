package dev.netcode.webrtc.internal;

import dev.netcode.webrtc.PeerConnectionState;
import dev.netcode.webrtc.dtls.DtlsState;
import dev.netcode.webrtc.ice.IceConnectionState;

/**
 * The W3C aggregation of one ICE and one DTLS transport state into a
 * {@link PeerConnectionState} (W3C webrtc-pc §4.3.3, "RTCPeerConnectionState"), as a pure function.
 */
public final class ConnectionStates {
    private ConnectionStates() {
    }

    /**
     * @param closed true once the connection was closed locally
     * @param ice    the agent's state
     * @param dtls   the endpoint's state, or null while no endpoint exists
     */
    public static PeerConnectionState aggregate(boolean closed, IceConnectionState ice, DtlsState dtls) {
        if (closed) {
            return PeerConnectionState.CLOSED;
        }
        if (ice == IceConnectionState.FAILED || dtls == DtlsState.FAILED) {
            return PeerConnectionState.FAILED;
        }
        if (ice == IceConnectionState.DISCONNECTED || dtls == DtlsState.CLOSED) {
            // A close_notify from the peer: W3C would call the transport "closed"; for a game the
            // useful reading is that the peer left, which consent expiry turns into FAILED later.
            return PeerConnectionState.DISCONNECTED;
        }
        if (ice == IceConnectionState.NEW && (dtls == null || dtls == DtlsState.NEW)) {
            return PeerConnectionState.NEW;
        }
        if (ice.isConnected() && dtls == DtlsState.CONNECTED) {
            return PeerConnectionState.CONNECTED;
        }
        return PeerConnectionState.CONNECTING;
    }
}
