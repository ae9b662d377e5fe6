package dev.netcode.webrtc.dtls.internal;

/**
 * The AES-GCM record keys of one DTLS 1.2 connection from this side's point of view, cut from the
 * key block (RFC 5246 §6.3: client_write_key, server_write_key, client_write_IV,
 * server_write_IV; the IVs are the 4-byte implicit salts of RFC 5288 §3).
 */
public record RecordKeys(byte[] readKey, byte[] readSalt, byte[] writeKey, byte[] writeSalt) {
    public static final int SALT_BYTES = 4;

    /** @param keyBlock at least {@code 2 * keyBytes + 8} bytes */
    public static RecordKeys fromKeyBlock(byte[] keyBlock, int keyBytes, boolean isServer) {
        byte[] clientKey = java.util.Arrays.copyOfRange(keyBlock, 0, keyBytes);
        byte[] serverKey = java.util.Arrays.copyOfRange(keyBlock, keyBytes, 2 * keyBytes);
        byte[] clientSalt = java.util.Arrays.copyOfRange(keyBlock, 2 * keyBytes, 2 * keyBytes + SALT_BYTES);
        byte[] serverSalt = java.util.Arrays.copyOfRange(keyBlock, 2 * keyBytes + SALT_BYTES, 2 * keyBytes + 2 * SALT_BYTES);
        return isServer ? new RecordKeys(clientKey, clientSalt, serverKey, serverSalt)
                : new RecordKeys(serverKey, serverSalt, clientKey, clientSalt);
    }
}
