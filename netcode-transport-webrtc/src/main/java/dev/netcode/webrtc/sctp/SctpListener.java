package dev.netcode.webrtc.sctp;

import java.nio.ByteBuffer;

/**
 * Events of one association, called on the association's thread. The methods may call back into
 * the association (send, reset, close): such calls are queued until the current event is done.
 */
public interface SctpListener {
    /** The association is established: {@code send()} transmits from now on. */
    default void onAssociationUp() {
    }

    /**
     * A complete message arrived.
     *
     * @param payload owned by the listener from now on (position 0, limit = size)
     */
    void onMessage(int streamId, int ppid, ByteBuffer payload);

    /**
     * Both directions of {@code streamId} are reset (RFC 6525): the close finished on both sides and
     * the id may be reused; sequence numbers start again at 0.
     */
    default void onStreamReset(int streamId) {
    }

    /**
     * The queued bytes of {@code streamId} fell to or below its low threshold (set with
     * {@link SctpAssociation#setBufferedAmountLowThreshold}); fires once per crossing.
     */
    default void onBufferedAmountLow(int streamId) {
    }

    /** Graceful SHUTDOWN completed (either side started it). Terminal. */
    default void onClosed() {
    }

    /**
     * The association ended abnormally: ABORT received or sent, retransmission limit reached, or a
     * protocol violation by the peer. Terminal.
     *
     * @param byPeer true when the peer sent ABORT
     */
    default void onAborted(SctpException reason, boolean byPeer) {
    }
}
