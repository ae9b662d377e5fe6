package dev.netcode.webrtc.dtls;

/** Life cycle of a {@link DtlsEndpoint}; it only moves forward. */
public enum DtlsState {
    /** Constructed; datagrams fed now are queued for the handshake. */
    NEW,
    /** {@link DtlsEndpoint#start()} called; the handshake runs on the handshake executor. */
    CONNECTING,
    /** Handshake done and the remote fingerprint verified: application data flows. */
    CONNECTED,
    /** Closed by either side with close_notify, or by {@link DtlsEndpoint#close()}. */
    CLOSED,
    /** Handshake or session failed; {@link DtlsListener#onFailed} told why. */
    FAILED;

    /** True for {@link #CLOSED} and {@link #FAILED}. */
    public boolean isTerminal() {
        return this == CLOSED || this == FAILED;
    }
}
