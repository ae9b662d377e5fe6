package dev.netcode.webrtc.dtls.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class AesGcmTest {
    private static final HexFormat HEX = HexFormat.of();

    /** McGrew and Viega, "The Galois/Counter Mode of Operation", test case 4 (AES-128, AAD, 60-byte text). */
    @Test
    void knownAnswerTestCase4() {
        byte[] key = HEX.parseHex("feffe9928665731c6d6a8f9467308308");
        byte[] iv = HEX.parseHex("cafebabefacedbaddecaf888");
        byte[] aad = HEX.parseHex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
        byte[] plain = HEX.parseHex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
                + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39");
        byte[] expected = HEX.parseHex("42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
                + "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091"
                + "5bc94fbc3221a5db94fae95ae7121a47");
        AesGcm gcm = new AesGcm(key, 0, key.length);
        byte[] out = new byte[plain.length + 16];
        assertThat(gcm.seal(iv, 0, aad, 0, aad.length, plain, 0, plain.length, out, 0)).isEqualTo(out.length);
        assertThat(out).isEqualTo(expected);
        byte[] back = new byte[plain.length];
        assertThat(gcm.open(iv, 0, aad, 0, aad.length, out, 0, out.length, back, 0)).isTrue();
        assertThat(back).isEqualTo(plain);
    }

    /** Test case 1: empty text and AAD, zero key and IV; the tag alone. */
    @Test
    void knownAnswerEmpty() {
        byte[] key = new byte[16];
        AesGcm gcm = new AesGcm(key, 0, 16);
        byte[] out = new byte[16];
        gcm.seal(new byte[12], 0, new byte[0], 0, 0, new byte[0], 0, 0, out, 0);
        assertThat(HEX.formatHex(out)).isEqualTo("58e2fccefa7e3061367f1d57a4e7455a");
    }

    @Test
    void matchesTheJdkOnRandomInputs() throws Exception {
        long seed = System.nanoTime();
        System.out.println("AesGcmTest seed " + seed);
        Random random = new Random(seed);
        for (int round = 0; round < 300; round++) {
            byte[] key = new byte[random.nextBoolean() ? 16 : 32];
            random.nextBytes(key);
            byte[] iv = new byte[12];
            random.nextBytes(iv);
            byte[] aad = new byte[random.nextInt(40)];
            random.nextBytes(aad);
            int len = round < 40 ? round : random.nextInt(5000);
            byte[] plain = new byte[len];
            random.nextBytes(plain);
            Cipher jdk = Cipher.getInstance("AES/GCM/NoPadding");
            jdk.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
            jdk.updateAAD(aad);
            byte[] expected = jdk.doFinal(plain);
            AesGcm gcm = new AesGcm(key, 0, key.length);
            // In place, at an offset, as the record layer uses it.
            byte[] buf = new byte[len + 16 + 7];
            System.arraycopy(plain, 0, buf, 7, len);
            gcm.seal(iv, 0, aad, 0, aad.length, buf, 7, len, buf, 7);
            assertThat(Arrays.copyOfRange(buf, 7, 7 + len + 16)).as("seed %d round %d", seed, round).isEqualTo(expected);
            assertThat(gcm.open(iv, 0, aad, 0, aad.length, buf, 7, len + 16, buf, 7)).isTrue();
            assertThat(Arrays.copyOfRange(buf, 7, 7 + len)).isEqualTo(plain);
        }
    }

    /**
     * Equivalence with the JDK over random keys, nonces, AAD and text lengths 0..20000, with the
     * single-table GHASH and with the H^2..H^4 tables (aggregated reduction); flipping one random bit
     * of the AAD, the ciphertext or the tag must fail the tag and wipe the output.
     */
    @Test
    @Timeout(30)
    void randomRecordsMatchTheJdkOnBothGhashPathsAndTamperingFails() throws Exception {
        long seed = System.nanoTime();
        System.out.println("AesGcmTest property seed " + seed);
        Random random = new Random(seed);
        Cipher jdk = Cipher.getInstance("AES/GCM/NoPadding");
        for (int round = 0; round < 400; round++) {
            byte[] key = new byte[16 + 8 * random.nextInt(3)];
            random.nextBytes(key);
            byte[] iv = new byte[12];
            random.nextBytes(iv);
            byte[] aad = new byte[random.nextInt(100)];
            random.nextBytes(aad);
            int len = round < 100 ? round : random.nextInt(20_001);
            byte[] plain = new byte[len];
            random.nextBytes(plain);
            jdk.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
            jdk.updateAAD(aad);
            byte[] expected = jdk.doFinal(plain);
            AesGcm gcm = new AesGcm(key, 0, key.length);
            boolean bulk = random.nextBoolean();
            if (bulk) {
                gcm.buildPowers();
            }
            String what = String.format("seed %d round %d len %d aad %d bulk %s", seed, round, len, aad.length, bulk);
            byte[] sealed = new byte[len + 16];
            assertThat(gcm.seal(iv, 0, aad, 0, aad.length, plain, 0, len, sealed, 0)).isEqualTo(len + 16);
            assertThat(sealed).as(what).isEqualTo(expected);
            byte[] back = new byte[len];
            assertThat(gcm.open(iv, 0, aad, 0, aad.length, sealed, 0, sealed.length, back, 0)).as(what).isTrue();
            assertThat(back).as(what).isEqualTo(plain);

            byte[] badAad = aad.clone();
            byte[] bad = sealed.clone();
            int flip = random.nextInt((aad.length + sealed.length) * 8);
            if (flip < aad.length * 8) {
                badAad[flip / 8] ^= (byte) (1 << (flip % 8));
            } else {
                flip -= aad.length * 8;
                bad[flip / 8] ^= (byte) (1 << (flip % 8));
            }
            byte[] wiped = new byte[len];
            Arrays.fill(wiped, (byte) 0x55);
            assertThat(gcm.open(iv, 0, badAad, 0, badAad.length, bad, 0, bad.length, wiped, 0)).as(what + " flip " + flip).isFalse();
            assertThat(wiped).as(what).isEqualTo(new byte[len]);
        }
    }

    /** The key switches to the aggregated tables by itself after enough bulk text, and stays correct. */
    @Test
    void switchesToAggregatedTablesAfterBulkTraffic() throws Exception {
        byte[] key = new byte[16];
        new Random(7).nextBytes(key);
        AesGcm gcm = new AesGcm(key, 0, 16);
        Cipher jdk = Cipher.getInstance("AES/GCM/NoPadding");
        byte[] plain = new byte[1200];
        byte[] iv = new byte[12];
        byte[] aad = new byte[13];
        byte[] sealed = new byte[1216];
        for (int i = 0; i < AesGcm.BULK_BYTES / 1200 + 3; i++) {
            iv[11] = (byte) i;
            iv[10] = (byte) (i >>> 8);
            plain[i % 1200] ^= (byte) i;
            jdk.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
            jdk.updateAAD(aad);
            byte[] expected = jdk.doFinal(plain);
            gcm.seal(iv, 0, aad, 0, 13, plain, 0, 1200, sealed, 0);
            assertThat(sealed).as("record %d", i).isEqualTo(expected);
        }
        assertThat(gcm.usesAggregatedTables()).isTrue();
    }

    @Test
    void tamperingIsRejectedAndWipesTheOutput() {
        long seed = System.nanoTime();
        System.out.println("AesGcmTest tamper seed " + seed);
        Random random = new Random(seed);
        byte[] key = new byte[16];
        random.nextBytes(key);
        AesGcm gcm = new AesGcm(key, 0, 16);
        byte[] iv = new byte[12];
        byte[] aad = {1, 2, 3};
        byte[] plain = new byte[100];
        random.nextBytes(plain);
        byte[] sealed = new byte[116];
        gcm.seal(iv, 0, aad, 0, 3, plain, 0, 100, sealed, 0);
        for (int i = 0; i < sealed.length; i++) {
            byte[] bad = sealed.clone();
            bad[i] ^= (byte) (1 << random.nextInt(8));
            byte[] out = new byte[100];
            assertThat(gcm.open(iv, 0, aad, 0, 3, bad, 0, bad.length, out, 0)).as("flip in byte %d", i).isFalse();
            assertThat(out).containsOnly(0);
        }
        byte[] otherAad = {1, 2, 4};
        assertThat(gcm.open(iv, 0, otherAad, 0, 3, sealed.clone(), 0, 116, new byte[100], 0)).isFalse();
        assertThat(gcm.open(iv, 0, aad, 0, 3, sealed, 0, 15, new byte[100], 0)).isFalse();
    }

    @Test
    void allocatesNothingPerRecordOnceWarm() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        byte[] key = new byte[16];
        AesGcm gcm = new AesGcm(key, 0, 16);
        byte[] nonce = new byte[12];
        byte[] aad = new byte[13];
        byte[] buf = new byte[1300];
        // 20,000 records of 1,200 bytes also pass the bulk threshold: the table build is warm-up.
        for (int i = 0; i < 20_000; i++) {
            nonce[11] = (byte) i;
            gcm.seal(nonce, 0, aad, 0, 13, buf, 0, 1200, buf, 0);
            gcm.open(nonce, 0, aad, 0, 13, buf, 0, 1216, buf, 0);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 10_000; i++) {
            nonce[10] = (byte) i;
            gcm.seal(nonce, 0, aad, 0, 13, buf, 0, 1200, buf, 0);
            gcm.open(nonce, 0, aad, 0, 13, buf, 0, 1216, buf, 0);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        // A per-record allocation would show as at least 10_000 * 16 bytes.
        assertThat(allocated).isLessThan(10_000);
    }
}
