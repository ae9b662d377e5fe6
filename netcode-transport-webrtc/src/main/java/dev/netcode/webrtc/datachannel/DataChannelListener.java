package dev.netcode.webrtc.datachannel;

import java.nio.ByteBuffer;

/**
 * Events of one {@link DataChannel}, after W3C's {@code onopen}, {@code onmessage},
 * {@code onbufferedamountlow}, {@code onerror} and {@code onclose}. Every method has an empty
 * default, so implement only what you need.
 *
 * <h2>Threading</h2>
 * All methods run on the association's thread (the Netty event loop of the peer connection, or
 * the virtual clock in tests). They may call back into the channel (for example {@code send()} an
 * echo); such calls are applied when the current event is done. Do not block: a blocked callback
 * stalls every channel of the connection. Hand work to your own thread (a game hands messages to
 * its game thread).
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>The {@code ByteBuffer} of {@link #onBinaryMessage} is owned by the listener from the call
 *       on (no copy is needed to keep it), but it is a heap buffer allocated for this message
 *       only. On a hot path, implement {@link BorrowingDataChannelListener} instead: no copy, no
 *       allocation, but the buffer is valid only during the call.</li>
 *   <li>{@link #onBufferedAmountLow} is posted, so by the time it runs {@code bufferedAmount} may
 *       already have grown again (you sent more meanwhile): read it, don't assume it is low.</li>
 *   <li>An exception thrown by a callback is logged and swallowed: it must not tear down the
 *       association that carries every other channel.</li>
 * </ul>
 */
public interface DataChannelListener {
    /** The channel became {@link DataChannelState#OPEN}. */
    default void onOpen(DataChannel channel) {
    }

    /** A string message (PPID 51, or 56 for the empty string). */
    default void onStringMessage(DataChannel channel, String message) {
    }

    /**
     * A binary message (PPID 53, or 57 for an empty message): position 0, limit = size, a heap
     * buffer the listener owns. Not called on a {@link BorrowingDataChannelListener}, which gets
     * the message without a copy instead.
     */
    default void onBinaryMessage(DataChannel channel, ByteBuffer message) {
    }

    /**
     * {@link DataChannel#bufferedAmount()} fell to or below the low threshold (once per crossing).
     * Queued like a browser's event: it never runs inside {@code send()} (or another call of
     * yours), but as a separate task on the association's thread right after.
     */
    default void onBufferedAmountLow(DataChannel channel) {
    }

    /**
     * Something went wrong on this channel: the peer broke DCEP, or the association aborted. The
     * channel closes right after ({@link #onClose} follows).
     */
    default void onError(DataChannel channel, DataChannelException error) {
    }

    /** The channel reached {@link DataChannelState#CLOSED}; fires exactly once. */
    default void onClose(DataChannel channel) {
    }
}
