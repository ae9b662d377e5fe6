package dev.netcode.webrtc.sctp;

import java.nio.ByteBuffer;

/**
 * Events of one association, called on the association's thread. The methods may call back into
 * the association (send, reset, close): such calls are queued until the current event is done.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>{@link #onMessage} lends its buffer: keeping it past the call (or handing it to another
 *       thread) reads whatever the next packet put there. This is what makes the steady-state
 *       receive path allocation-free; the DataChannel layer copies for listeners that own their
 *       messages.</li>
 * </ul>
 */
public interface SctpListener {
    /** The association is established: {@code send()} transmits from now on. */
    default void onAssociationUp() {
    }

    /**
     * A complete message arrived.
     *
     * @param payload borrowed: position..limit is the message (the position need not be 0), valid
     *        only during this call. It is usually a view into the decrypted packet or a reused
     *        reassembly buffer, so copy what you keep and never write to it.
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
