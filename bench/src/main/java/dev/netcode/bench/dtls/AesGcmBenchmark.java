package dev.netcode.bench.dtls;

import dev.netcode.webrtc.dtls.internal.AesGcm;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * AES-128-GCM on one DTLS record, our allocation-free {@link AesGcm} against the JDK's
 * {@code AES/GCM/NoPadding} (CLMUL/AES-NI intrinsics, but a {@code Cipher.init} per record), in one
 * run so that the ratio is meaningful on a shared machine.
 *
 * <p>Throughput is in records per millisecond: MB/s = score × {@code recordBytes} / 1000. Run with
 * {@code -prof gc} for the bytes allocated per record ({@code gc.alloc.rate.norm}).
 *
 * <pre>
 * ./mvnw -q -B -o -pl bench -am package -DskipTests
 * java -cp "bench/target/classes:$(cat bench/target/launcher.classpath)" org.openjdk.jmh.Main AesGcmBenchmark -prof gc
 * </pre>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Every decryption reuses one nonce and one ciphertext: that is fine for opening (GCM only
 *       forbids nonce reuse when sealing), and the JDK only refuses a repeated nonce for
 *       encryption. The seal benchmarks step the nonce like DTLS does.</li>
 *   <li>The AAD is the 13-byte DTLS 1.2 additional_data, as on the wire.</li>
 *   <li>{@link AesGcm} switches a key to its larger, faster GHASH tables after 256 KiB of texts of
 *       at least 1 KiB: the warm-up does that for 1,200 and 16,384 bytes, so those rows measure
 *       the bulk path and the 64-byte row the small-table path, as on a real connection.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AesGcmBenchmark {

    @Param({"64", "1200", "16384"})
    public int recordBytes;

    private final byte[] key = new byte[16];
    private final byte[] nonce = new byte[12];
    private final byte[] aad = new byte[13];
    private byte[] plain;
    private byte[] sealed;
    private byte[] out;
    private AesGcm ours;
    private Cipher jdk;
    private SecretKeySpec keySpec;
    private long sequence;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Random random = new Random(42);
        random.nextBytes(key);
        random.nextBytes(nonce);
        random.nextBytes(aad);
        plain = new byte[recordBytes];
        random.nextBytes(plain);
        keySpec = new SecretKeySpec(key, "AES");
        jdk = Cipher.getInstance("AES/GCM/NoPadding");
        jdk.init(Cipher.ENCRYPT_MODE, keySpec, new GCMParameterSpec(128, nonce));
        jdk.updateAAD(aad);
        sealed = jdk.doFinal(plain);
        out = new byte[recordBytes + 16];
        ours = new AesGcm(key, 0, key.length);
        if (!ours.open(nonce, 0, aad, 0, aad.length, sealed, 0, sealed.length, out, 0)) {
            throw new IllegalStateException("AesGcm disagrees with the JDK");
        }
    }

    @Benchmark
    public boolean openOurs() {
        return ours.open(nonce, 0, aad, 0, aad.length, sealed, 0, sealed.length, out, 0);
    }

    @Benchmark
    public int openJdk() throws Exception {
        jdk.init(Cipher.DECRYPT_MODE, keySpec, new GCMParameterSpec(128, nonce));
        jdk.updateAAD(aad, 0, aad.length);
        return jdk.doFinal(sealed, 0, sealed.length, out, 0);
    }

    @Benchmark
    public int sealOurs() {
        stepNonce();
        return ours.seal(nonce, 0, aad, 0, aad.length, plain, 0, plain.length, out, 0);
    }

    @Benchmark
    public int sealJdk() throws Exception {
        stepNonce();
        jdk.init(Cipher.ENCRYPT_MODE, keySpec, new GCMParameterSpec(128, nonce));
        jdk.updateAAD(aad, 0, aad.length);
        return jdk.doFinal(plain, 0, plain.length, out, 0);
    }

    /** Like the DTLS explicit nonce: the low bytes count records. */
    private void stepNonce() {
        long s = ++sequence;
        for (int i = 0; i < 8; i++) {
            nonce[11 - i] = (byte) (s >>> (8 * i));
        }
    }
}
