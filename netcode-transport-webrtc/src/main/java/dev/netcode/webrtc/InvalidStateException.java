package dev.netcode.webrtc;

/**
 * A call made in the wrong signaling state (W3C {@code InvalidStateError}): for example
 * {@link PeerConnection#createAnswer()} without a remote offer, {@link PeerConnection#addIceCandidate}
 * before a remote description, or any call after {@link PeerConnection#close()}.
 */
public final class InvalidStateException extends PeerConnectionException {
    private static final long serialVersionUID = 1L;

    public InvalidStateException(String message) {
        super(message);
    }
}
