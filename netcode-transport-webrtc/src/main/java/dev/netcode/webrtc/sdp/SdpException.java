package dev.netcode.webrtc.sdp;

/**
 * Base of the typed errors of the {@code sdp} layer: a session description from a peer could not
 * be read ({@link SdpParseException}) or could not be answered ({@link SdpNegotiationException}).
 *
 * <p>The exception is checked on purpose: every session description arrives from a remote peer
 * through signaling and is hostile until proven otherwise, so the caller has to decide what a bad
 * one means (W3C maps both to a rejected {@code setRemoteDescription} promise).
 */
public class SdpException extends Exception {
    private static final long serialVersionUID = 1L;

    public SdpException(String message) {
        super(message);
    }
}
