package dev.netcode.webrtc.dtls.internal;

import java.nio.ByteBuffer;

/**
 * The buffer a received record is decrypted into, shared by every endpoint whose datagrams one
 * thread processes, instead of one buffer per endpoint.
 *
 * <p>Why: the fast application-data path needs room for the largest record plaintext
 * ({@link ApplicationDataReader#OUTPUT_BYTES}, about 16 KiB) and BouncyCastle's path its receive
 * limit. Kept per endpoint, that was the largest single item of a host's heap per connection, while
 * only the few threads that process datagrams (a connection's event loop, a handshake thread
 * draining queued datagrams) ever use such a buffer at the same time.
 *
 * <pre>{@code
 * ReceiveScratch scratch = ReceiveScratch.acquire(minBytes);
 * try {
 *     int n = decrypt(datagram, scratch.buffer());
 *     listener.onApplicationData(endpoint, scratch.view(n));   // view valid during the call only
 * } finally {
 *     scratch.release();
 * }
 * }</pre>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>The bytes are only valid until {@link #release()}: the next datagram this thread processes,
 *       for any endpoint, overwrites them. Listeners already had to copy or consume a record during
 *       their call (the per-endpoint buffer was overwritten by the next datagram too).</li>
 *   <li>Re-entry is safe: a thread that processes a datagram while its scratch is acquired (a
 *       listener that feeds another endpoint synchronously) gets a private buffer for the nested
 *       call, never the one in use.</li>
 *   <li>Always release in {@code finally}: a scratch left acquired makes every later datagram on
 *       that thread allocate a private buffer.</li>
 * </ul>
 */
public final class ReceiveScratch {
    private static final ThreadLocal<ReceiveScratch> PER_THREAD = ThreadLocal.withInitial(ReceiveScratch::new);

    private byte[] buffer = new byte[0];
    private ByteBuffer view = ByteBuffer.wrap(buffer);
    private boolean acquired;

    private ReceiveScratch() {
    }

    /** This thread's scratch (or a private one when it is already acquired), at least {@code minBytes} long. */
    public static ReceiveScratch acquire(int minBytes) {
        ReceiveScratch s = PER_THREAD.get();
        if (s.acquired) {
            s = new ReceiveScratch();
        }
        s.acquired = true;
        if (s.buffer.length < minBytes) {
            s.buffer = new byte[minBytes];
            s.view = ByteBuffer.wrap(s.buffer);
        }
        return s;
    }

    public byte[] buffer() {
        return buffer;
    }

    /** The whole buffer as a view positioned at 0 with limit {@code length}; one view per buffer, reused. */
    public ByteBuffer view(int length) {
        view.clear().limit(length);
        return view;
    }

    public void release() {
        acquired = false;
    }
}
