package dev.netcode.webrtc.dtls;

import java.nio.ByteBuffer;

/**
 * Events of one {@link DtlsEndpoint}. Exactly one of {@link #onFailed} or {@link #onClosed} ends
 * the life of an endpoint.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>{@link #onConnected} and handshake failures are called on a handshake executor thread, not
 *       on your event loop: hand over with {@code eventLoop.execute(...)} if your state is
 *       confined to a loop.</li>
 *   <li>{@link #onApplicationData} runs on the thread that called {@link DtlsEndpoint#receive}, and
 *       its buffer is reused afterwards: consume or copy it before returning.</li>
 *   <li>Do not block in a callback; the receive path of the endpoint is held meanwhile.</li>
 * </ul>
 */
public interface DtlsListener {

    /** The handshake finished and the remote certificate matched the expected fingerprint. */
    default void onConnected(DtlsEndpoint endpoint) {
    }

    /** One decrypted application record; the buffer is only valid during this call. */
    default void onApplicationData(DtlsEndpoint endpoint, ByteBuffer record) {
    }

    /** The handshake or the session failed; see the exception's subtype for why. */
    default void onFailed(DtlsEndpoint endpoint, DtlsException cause) {
    }

    /** Orderly close: either side sent close_notify or {@link DtlsEndpoint#close()} was called. */
    default void onClosed(DtlsEndpoint endpoint) {
    }
}
