package dev.netcode.webrtc.datachannel;

import java.nio.ByteBuffer;

/**
 * A {@link DataChannelListener} that receives binary messages <em>borrowed</em>: a read-only view
 * of the received bytes that is valid only while {@link #onBorrowedBinaryMessage} runs. No copy is
 * made and nothing is allocated per message, which is what a game server reading thousands of
 * small messages a second wants. Set it like any listener; the choice is made by its type:
 *
 * <pre>{@code
 * channel.setListener(new BorrowingDataChannelListener() {
 *     public void onBorrowedBinaryMessage(DataChannel c, ByteBuffer view) {
 *         int type = view.get();                 // read it here...
 *         decoder.decode(type, view);            // ...or copy what you need: view.get(myArray, 0, n)
 *     }
 * });
 * }</pre>
 *
 * <p>A plain {@link DataChannelListener} (the default, as in W3C where every {@code MessageEvent}
 * has its own {@code ArrayBuffer}) gets a fresh heap buffer per message that it owns.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li><b>Do not keep the buffer.</b> After the callback returns, the bytes behind it belong to the
 *       next packet; a stored reference, a buffer handed to another thread or an {@code Executor},
 *       or a lambda capturing it reads garbage later. Copy what you keep
 *       ({@code view.get(bytes)}, or {@code ByteBuffer.allocate(view.remaining()).put(view).flip()}).</li>
 *   <li>The view is read-only ({@code hasArray()} is false): read it with relative or absolute
 *       {@code get}s or bulk-copy it into your own reusable array. Its position need not be 0;
 *       only position..limit is the message (bytes outside it are other data of the packet).</li>
 *   <li>{@link #onBinaryMessage} is never called on a borrowing listener; string messages still
 *       arrive through {@link #onStringMessage} as a new {@code String} (a String is an allocation
 *       by nature), so keep strings off a hot path.</li>
 *   <li>No copy and no allocation is the steady state: messages that fit one SCTP DATA chunk
 *       (about 1,100 bytes with the default MTU) in packets SCTP reads in place. Otherwise SCTP
 *       allocates as it decodes: a fragmented message is joined into a reusable buffer (a fresh
 *       one above 16 KiB), a packet with gap reports or other control chunks is decoded, and an
 *       ordered message that overtook a lost one is copied while it waits. The view you get is
 *       borrowed either way.</li>
 *   <li>Callbacks run on the association's thread; blocking in them stalls every channel of the
 *       connection, exactly as with {@link DataChannelListener}.</li>
 * </ul>
 */
public interface BorrowingDataChannelListener extends DataChannelListener {
    /**
     * A binary message (PPID 53, or 57 for an empty message): {@code view}'s position..limit,
     * read-only and valid only during this call.
     */
    void onBorrowedBinaryMessage(DataChannel channel, ByteBuffer view);
}
