package dev.netcode.webrtc.dtls.internal;

import java.nio.ByteBuffer;

/**
 * Cheap structural check of a datagram before BouncyCastle sees it, so that hostile bytes are
 * discarded silently (RFC 6347 §4.1.2.7) instead of reaching code paths where BouncyCastle would
 * answer a malformed record with a fatal alert and tear the session down.
 *
 * <p>A datagram holds one or more records (RFC 6347 §4.1):
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  ContentType  |    ProtocolVersion (254,253) |     epoch     ...
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  ...  epoch      |             sequence_number (48 bits)       ...
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  ...                             |            length             |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                fragment (length bytes) ...
 * </pre>
 *
 * Accepted: every record has content type 20..24, major version 254 (DTLS), a length that fits the
 * datagram, and, in an epoch above 0 (encrypted), at least the AEAD overhead of the cipher in use.
 */
public final class DtlsRecordFilter {
    /** Record header size, RFC 6347 §4.1. */
    public static final int HEADER_BYTES = 13;
    /** Most a fragment may hold: 2^14 plaintext plus 2048 of expansion (RFC 6347 §4.1, RFC 5246 §6.2.3). */
    private static final int MAX_FRAGMENT_BYTES = (1 << 14) + 2048;
    private static final int CHANGE_CIPHER_SPEC = 20;
    private static final int HEARTBEAT = 24;
    private static final int DTLS_MAJOR_VERSION = 254;

    private DtlsRecordFilter() {
    }

    /**
     * @param datagram read between position and limit, not consumed
     * @param minEncryptedFragmentBytes smallest fragment an encrypted record may have (AEAD nonce + tag)
     */
    public static boolean isPlausible(ByteBuffer datagram, int maxDatagramBytes, int minEncryptedFragmentBytes) {
        int pos = datagram.position();
        int end = datagram.limit();
        if (end - pos < HEADER_BYTES || end - pos > maxDatagramBytes) {
            return false;
        }
        while (pos < end) {
            if (end - pos < HEADER_BYTES) {
                return false;
            }
            int type = datagram.get(pos) & 0xff;
            if (type < CHANGE_CIPHER_SPEC || type > HEARTBEAT) {
                return false;
            }
            if ((datagram.get(pos + 1) & 0xff) != DTLS_MAJOR_VERSION) {
                return false;
            }
            int epoch = datagram.getShort(pos + 3) & 0xffff;
            int length = datagram.getShort(pos + 11) & 0xffff;
            if (length > MAX_FRAGMENT_BYTES || length > end - pos - HEADER_BYTES) {
                return false;
            }
            if (epoch > 0 && length < minEncryptedFragmentBytes) {
                return false;
            }
            if (epoch == 0 && length == 0) {
                return false;
            }
            pos += HEADER_BYTES + length;
        }
        return true;
    }
}
