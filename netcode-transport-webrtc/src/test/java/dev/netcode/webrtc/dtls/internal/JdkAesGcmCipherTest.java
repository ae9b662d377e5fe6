package dev.netcode.webrtc.dtls.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The BouncyCastle adapter: small records sealed by AesGcm, large ones by the JDK, both opened by AesGcm. */
class JdkAesGcmCipherTest {
    private static final HexFormat HEX = HexFormat.of();

    /** McGrew and Viega test case 3 (64-byte text, no AAD), through both encryption paths. */
    @Test
    void knownAnswerTestCase3() throws Exception {
        byte[] key = HEX.parseHex("feffe9928665731c6d6a8f9467308308");
        byte[] iv = HEX.parseHex("cafebabefacedbaddecaf888");
        byte[] plain = HEX.parseHex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
                + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255");
        String expected = "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
                + "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985"
                + "4d5c2af327cd64a62cf35abd2ba6fab4";
        JdkAesGcmCipher sealer = new JdkAesGcmCipher(true);
        sealer.setKey(key, 0, 16);
        sealer.init(iv.clone(), 16);
        byte[] out = new byte[80];
        assertThat(sealer.doFinal(null, plain, 0, 64, out, 0)).isEqualTo(80);
        assertThat(HEX.formatHex(out)).isEqualTo(expected);
        // The same record through AesGcm with the aggregated (H^2..H^4) tables.
        AesGcm bulk = new AesGcm(key, 0, 16);
        bulk.buildPowers();
        byte[] again = new byte[80];
        bulk.seal(iv, 0, new byte[0], 0, 0, plain, 0, 64, again, 0);
        assertThat(HEX.formatHex(again)).isEqualTo(expected);
    }

    /** Sizes around the small-record threshold and up to a full record, with random keys, nonces and AAD. */
    @Test
    @Timeout(30)
    void matchesTheJdkAcrossTheSmallRecordThreshold() throws Exception {
        long seed = System.nanoTime();
        System.out.println("JdkAesGcmCipherTest seed " + seed);
        Random random = new Random(seed);
        int small = JdkAesGcmCipher.SMALL_RECORD_BYTES;
        int[] sizes = {0, 1, 15, 16, 17, 63, 64, 65, small - 1, small, small + 1, 1200, 16384};
        Cipher jdk = Cipher.getInstance("AES/GCM/NoPadding");
        for (int round = 0; round < 200; round++) {
            int len = round < sizes.length ? sizes[round] : random.nextInt(2 * small);
            byte[] key = new byte[random.nextBoolean() ? 16 : 32];
            random.nextBytes(key);
            byte[] iv = new byte[12];
            random.nextBytes(iv);
            byte[] aad = new byte[13];
            random.nextBytes(aad);
            byte[] plain = new byte[len];
            random.nextBytes(plain);
            jdk.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
            jdk.updateAAD(aad);
            byte[] expected = jdk.doFinal(plain);

            JdkAesGcmCipher sealer = new JdkAesGcmCipher(true);
            sealer.setKey(key, 0, key.length);
            sealer.init(iv.clone(), 16);
            assertThat(sealer.getOutputSize(len)).isEqualTo(len + 16);
            byte[] sealed = new byte[len + 16 + 3];
            assertThat(sealer.doFinal(aad, plain, 0, len, sealed, 3)).isEqualTo(len + 16);
            String what = String.format("seed %d round %d len %d", seed, round, len);
            assertThat(Arrays.copyOfRange(sealed, 3, 3 + len + 16)).as(what).isEqualTo(expected);

            JdkAesGcmCipher opener = new JdkAesGcmCipher(false);
            opener.setKey(key, 0, key.length);
            opener.init(iv.clone(), 16);
            byte[] back = new byte[len];
            assertThat(opener.doFinal(aad, sealed, 3, len + 16, back, 0)).isEqualTo(len);
            assertThat(back).as(what).isEqualTo(plain);

            sealed[3 + random.nextInt(len + 16)] ^= (byte) (1 << random.nextInt(8));
            assertThatThrownBy(() -> opener.doFinal(aad, sealed, 3, len + 16, back, 0)).as(what)
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    /** Small records cost no allocation in the adapter on either side once warm. */
    @Test
    void smallRecordsAllocateNothing() throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        byte[] key = new byte[16];
        JdkAesGcmCipher sealer = new JdkAesGcmCipher(true);
        sealer.setKey(key, 0, 16);
        JdkAesGcmCipher opener = new JdkAesGcmCipher(false);
        opener.setKey(key, 0, 16);
        byte[] nonce = new byte[12];
        byte[] aad = new byte[13];
        byte[] buf = new byte[200 + 16];
        for (int i = 0; i < 20_000; i++) {
            round(sealer, opener, nonce, aad, buf, i);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 10_000; i++) {
            round(sealer, opener, nonce, aad, buf, i);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).isLessThan(10_000);
    }

    private static void round(JdkAesGcmCipher sealer, JdkAesGcmCipher opener, byte[] nonce, byte[] aad, byte[] buf, int i) {
        nonce[11] = (byte) i;
        nonce[10] = (byte) (i >>> 8);
        sealer.init(nonce, 16);
        sealer.doFinal(aad, buf, 0, 200, buf, 0);
        opener.init(nonce, 16);
        if (opener.doFinal(aad, buf, 0, 216, buf, 0) != 200) {
            throw new AssertionError("round " + i);
        }
    }
}
