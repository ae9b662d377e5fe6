package dev.netcode.webrtc.dtls.internal;

import java.nio.ByteBuffer;

/**
 * Decrypts DTLS 1.2 application_data records of the connection's first encrypted epoch with
 * AES-GCM, without allocating: the receive fast path once the handshake is over. Handshake
 * retransmissions, alerts and anything else stay with BouncyCastle; see
 * {@link #isApplicationDataOnly}.
 *
 * <p>A record (RFC 6347 §4.1) and its GCM fragment (RFC 5288 §3):
 *
 * <pre>
 *  +--------+---------+-------+-----------------+--------+------------------+------------+---------+
 *  | type=23| FE FD   | epoch | sequence_number | length | nonce_explicit(8)| ciphertext | tag(16) |
 *  |   1    |   2     |   2   |       6         |   2    |                  |            |         |
 *  +--------+---------+-------+-----------------+--------+------------------+------------+---------+
 *
 *  nonce = salt(4) || nonce_explicit(8)
 *  additional_data = epoch(2) || sequence_number(6) || type(1) || version(2) || plaintext length(2)
 *                                                                  (RFC 5246 §6.2.3.3, RFC 6347 §4.1.2.1)
 * </pre>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Every failure (wrong epoch, bad length, replay, forged tag) is a silent drop
 *       (RFC 6347 §4.1.2.7): {@link #open} returns -1 and the session goes on.</li>
 *   <li>The replay window is separate from BouncyCastle's for the same epoch; both see disjoint
 *       content types, so no record is accepted twice.</li>
 *   <li>Not thread-safe; used under the endpoint's lock.</li>
 * </ul>
 */
public final class ApplicationDataReader {
    public static final int APPLICATION_DATA = 23;
    private static final int HEADER_BYTES = DtlsRecordFilter.HEADER_BYTES;
    private static final int EXPLICIT_NONCE_BYTES = 8;
    private static final int OVERHEAD_BYTES = EXPLICIT_NONCE_BYTES + AesGcm.TAG_BYTES;
    private static final int MAX_PLAINTEXT_BYTES = 1 << 14;
    /** Size of an output buffer that fits any record {@link #open} accepts. */
    public static final int OUTPUT_BYTES = MAX_PLAINTEXT_BYTES + AesGcm.TAG_BYTES;

    private final int epoch;
    private final AesGcm gcm;
    private final ReplayWindow window = new ReplayWindow();
    private final byte[] nonce = new byte[AesGcm.NONCE_BYTES];
    private final byte[] aad = new byte[13];

    public ApplicationDataReader(int epoch, byte[] key, byte[] salt) {
        this(epoch, new AesGcm(key, 0, key.length), salt);
    }

    /** Reads with an already keyed {@code gcm} (the record layer's decrypt cipher; not used concurrently). */
    public ApplicationDataReader(int epoch, AesGcm gcm, byte[] salt) {
        this.epoch = epoch;
        this.gcm = gcm;
        System.arraycopy(salt, 0, nonce, 0, RecordKeys.SALT_BYTES);
    }

    /**
     * True if every record of the (already {@link DtlsRecordFilter#isPlausible plausible}) datagram is
     * application_data of this reader's epoch; mixed datagrams go to BouncyCastle whole.
     */
    public boolean isApplicationDataOnly(ByteBuffer datagram) {
        int pos = datagram.position();
        int end = datagram.limit();
        while (end - pos >= HEADER_BYTES) {
            if ((datagram.get(pos) & 0xff) != APPLICATION_DATA || (datagram.getShort(pos + 3) & 0xffff) != epoch) {
                return false;
            }
            pos += HEADER_BYTES + (datagram.getShort(pos + 11) & 0xffff);
        }
        return pos == end;
    }

    /**
     * Authenticates and decrypts the record at {@code offset} of {@code datagram} (absolute index)
     * into {@code out} at 0; {@code out} needs room for the plaintext plus the 16-byte tag
     * ({@link #OUTPUT_BYTES} always suffices) and holds garbage after a -1.
     *
     * @return the plaintext length, or -1 to drop the record
     */
    public int open(ByteBuffer datagram, int offset, byte[] out) {
        int length = datagram.getShort(offset + 11) & 0xffff;
        if ((datagram.get(offset) & 0xff) != APPLICATION_DATA || (datagram.get(offset + 1) & 0xff) != 0xfe
                || (datagram.get(offset + 2) & 0xff) != 0xfd || (datagram.getShort(offset + 3) & 0xffff) != epoch
                || length < OVERHEAD_BYTES || length - OVERHEAD_BYTES > MAX_PLAINTEXT_BYTES
                || offset + HEADER_BYTES + length > datagram.limit()
                || out.length < length - EXPLICIT_NONCE_BYTES) {
            return -1;
        }
        long sequence = ((long) (datagram.getShort(offset + 5) & 0xffff) << 32) | (datagram.getInt(offset + 7) & 0xffffffffL);
        if (!window.isFresh(sequence)) {
            return -1;
        }
        int plaintextLength = length - OVERHEAD_BYTES;
        // additional_data: epoch + sequence, type, version, then the plaintext length.
        for (int i = 0; i < 8; i++) {
            aad[i] = datagram.get(offset + 3 + i);
        }
        aad[8] = datagram.get(offset);
        aad[9] = datagram.get(offset + 1);
        aad[10] = datagram.get(offset + 2);
        aad[11] = (byte) (plaintextLength >>> 8);
        aad[12] = (byte) plaintextLength;
        int fragmentStart = offset + HEADER_BYTES;
        for (int i = 0; i < EXPLICIT_NONCE_BYTES; i++) {
            nonce[RecordKeys.SALT_BYTES + i] = datagram.get(fragmentStart + i);
        }
        int sealedLength = length - EXPLICIT_NONCE_BYTES;
        // Copy out of the datagram (heap or direct; the caller may reuse it) and decrypt in place.
        datagram.get(fragmentStart + EXPLICIT_NONCE_BYTES, out, 0, sealedLength);
        if (!gcm.open(nonce, 0, aad, 0, aad.length, out, 0, sealedLength, out, 0)) {
            return -1;
        }
        window.markReceived(sequence);
        return plaintextLength;
    }
}
