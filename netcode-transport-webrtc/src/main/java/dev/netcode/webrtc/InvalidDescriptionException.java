package dev.netcode.webrtc;

import dev.netcode.webrtc.sdp.SdpException;

/**
 * A description given to {@link PeerConnection#setRemoteDescription} or
 * {@link PeerConnection#setLocalDescription} is unusable: malformed SDP (the cause is a
 * {@link dev.netcode.webrtc.sdp.SdpParseException} naming the line), no usable data section, or
 * unusable parameters (the cause is a {@link dev.netcode.webrtc.sdp.SdpNegotiationException}, or a
 * malformed candidate or fingerprint). The connection is left as it was.
 */
public final class InvalidDescriptionException extends PeerConnectionException {
    private static final long serialVersionUID = 1L;

    public InvalidDescriptionException(String message, Throwable cause) {
        super(message, cause);
    }

    public InvalidDescriptionException(SdpException cause) {
        super(cause.getMessage(), cause);
    }
}
