package dev.netcode.webrtc;

import java.nio.ByteBuffer;

/**
 * The layer above DTLS (SCTP, RFC 8261) receives decrypted application records here; see
 * {@link PeerConnection#setApplicationDataListener}. Called on the connection's event loop; the
 * buffer is only valid during the call.
 */
@FunctionalInterface
public interface ApplicationDataListener {
    void onApplicationData(ByteBuffer record);
}
