package dev.netcode.webrtc;

/**
 * Why {@link PeerConnection#connected()} completed exceptionally when the cause is not a DTLS
 * failure: ICE found no working pair, consent expired, or the connection was closed first.
 */
public final class PeerConnectionFailedException extends PeerConnectionException {
    private static final long serialVersionUID = 1L;

    public PeerConnectionFailedException(String message) {
        super(message);
    }
}
