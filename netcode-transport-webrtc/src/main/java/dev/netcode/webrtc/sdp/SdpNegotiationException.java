package dev.netcode.webrtc.sdp;

/**
 * A well-formed session description cannot be answered or applied: no usable data m-section, no
 * ICE credentials or fingerprint for it, or an impossible DTLS role ({@code a=setup}).
 */
public final class SdpNegotiationException extends SdpException {
    private static final long serialVersionUID = 1L;

    public SdpNegotiationException(String message) {
        super(message);
    }
}
