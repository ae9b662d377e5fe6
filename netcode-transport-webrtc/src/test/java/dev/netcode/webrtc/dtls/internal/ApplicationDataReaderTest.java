package dev.netcode.webrtc.dtls.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Records sealed here per RFC 6347 §4.1 / RFC 5288 §3, opened by the reader. */
class ApplicationDataReaderTest {
    static final byte[] KEY = new byte[16];
    static final byte[] SALT = {9, 8, 7, 6};

    static {
        for (int i = 0; i < 16; i++) {
            KEY[i] = (byte) (i * 7 + 1);
        }
    }

    /** One epoch-1 application_data record holding {@code plain}. */
    static byte[] seal(int epoch, long sequence, byte[] plain) {
        AesGcm gcm = new AesGcm(KEY, 0, 16);
        ByteBuffer r = ByteBuffer.allocate(13 + 8 + plain.length + 16);
        r.put((byte) 23).put((byte) 0xfe).put((byte) 0xfd).putShort((short) epoch)
                .putShort((short) (sequence >>> 32)).putInt((int) sequence).putShort((short) (8 + plain.length + 16));
        byte[] explicit = ByteBuffer.allocate(8).putShort((short) epoch).putShort((short) (sequence >>> 32))
                .putInt((int) sequence).array();
        r.put(explicit);
        byte[] nonce = new byte[12];
        System.arraycopy(SALT, 0, nonce, 0, 4);
        System.arraycopy(explicit, 0, nonce, 4, 8);
        byte[] aad = ByteBuffer.allocate(13).put(explicit).put((byte) 23).put((byte) 0xfe).put((byte) 0xfd)
                .putShort((short) plain.length).array();
        byte[] out = r.array();
        gcm.seal(nonce, 0, aad, 0, 13, plain, 0, plain.length, out, 21);
        return out;
    }

    @Test
    void opensRecordsAndRejectsReplaysAndForgeries() {
        long seed = System.nanoTime();
        System.out.println("ApplicationDataReaderTest seed " + seed);
        Random random = new Random(seed);
        ApplicationDataReader reader = new ApplicationDataReader(1, KEY, SALT);
        byte[] out = new byte[ApplicationDataReader.OUTPUT_BYTES];
        byte[] plain = new byte[1 + random.nextInt(1200)];
        random.nextBytes(plain);
        byte[] record = seal(1, 42, plain);
        ByteBuffer datagram = ByteBuffer.wrap(record);
        assertThat(reader.isApplicationDataOnly(datagram)).isTrue();
        assertThat(reader.open(datagram, 0, out)).isEqualTo(plain.length);
        assertThat(Arrays.copyOf(out, plain.length)).isEqualTo(plain);
        assertThat(reader.open(datagram, 0, out)).as("replay").isEqualTo(-1);

        byte[] forged = seal(1, 43, plain);
        forged[forged.length - 1 - random.nextInt(plain.length + 16)] ^= 1;
        assertThat(reader.open(ByteBuffer.wrap(forged), 0, out)).isEqualTo(-1);
        // The forgery did not consume sequence number 43.
        assertThat(reader.open(ByteBuffer.wrap(seal(1, 43, plain)), 0, out)).isEqualTo(plain.length);

        byte[] headerTampered = seal(1, 44, plain);
        headerTampered[10] ^= 1; // sequence number is in the AAD
        assertThat(reader.open(ByteBuffer.wrap(headerTampered), 0, out)).isEqualTo(-1);
    }

    @Test
    void twoRecordsInOneDatagramAndOtherEpochs() {
        ApplicationDataReader reader = new ApplicationDataReader(1, KEY, SALT);
        byte[] a = seal(1, 1, new byte[] {1, 2, 3});
        byte[] b = seal(1, 2, new byte[] {4});
        ByteBuffer both = ByteBuffer.allocateDirect(a.length + b.length).put(a).put(b).flip();
        assertThat(reader.isApplicationDataOnly(both)).isTrue();
        byte[] out = new byte[ApplicationDataReader.OUTPUT_BYTES];
        assertThat(reader.open(both, 0, out)).isEqualTo(3);
        assertThat(reader.open(both, a.length, out)).isEqualTo(1);
        assertThat(out[0]).isEqualTo((byte) 4);

        byte[] epoch2 = seal(2, 3, new byte[] {1});
        assertThat(reader.isApplicationDataOnly(ByteBuffer.wrap(epoch2))).isFalse();
        assertThat(reader.open(ByteBuffer.wrap(epoch2), 0, out)).isEqualTo(-1);
        byte[] handshake = seal(1, 4, new byte[] {1});
        handshake[0] = 22;
        assertThat(reader.isApplicationDataOnly(ByteBuffer.wrap(handshake))).isFalse();
        byte[] truncated = Arrays.copyOf(a, a.length - 1);
        assertThat(reader.isApplicationDataOnly(ByteBuffer.wrap(truncated))).isFalse();
        assertThat(reader.open(ByteBuffer.wrap(truncated), 0, out)).isEqualTo(-1);
    }
}
