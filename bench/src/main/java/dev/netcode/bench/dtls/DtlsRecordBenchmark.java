package dev.netcode.bench.dtls;

import dev.netcode.webrtc.dtls.DtlsCryptoBackend;
import dev.netcode.webrtc.dtls.DtlsHandshakeExecutor;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * DTLS 1.2 record protection with AES-128-GCM, JcaTlsCrypto (JDK intrinsics) against BcTlsCrypto:
 * one operation encrypts a 1,200-byte record on one endpoint and decrypts it on the other, on the
 * calling thread, through the same code path a WebRTC session uses.
 *
 * <pre>
 * ./mvnw -q -B -o -pl bench -am package -DskipTests
 * java -cp "bench/target/classes:$(cat bench/target/launcher.classpath)" org.openjdk.jmh.Main DtlsRecordBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DtlsRecordBenchmark {

    @Param({"JCA", "BC", "HYBRID"})
    public DtlsCryptoBackend backend;

    @Param({"1200"})
    public int recordBytes;

    private DtlsHandshakeExecutor handshakes;
    private ExecutorService relay;
    private LinkedEndpoints link;
    private ByteBuffer record;

    @Setup(Level.Trial)
    public void connect() throws Exception {
        handshakes = DtlsHandshakeExecutor.create(2, 4);
        relay = Executors.newSingleThreadExecutor();
        link = new LinkedEndpoints(backend, handshakes, relay);
        link.handshake(30_000);
        // Let late handshake retransmissions drain before switching to synchronous delivery.
        Thread.sleep(200);
        link.goDirect();
        byte[] payload = new byte[recordBytes];
        new Random(42).nextBytes(payload);
        record = ByteBuffer.wrap(payload);
    }

    @TearDown(Level.Trial)
    public void close() {
        link.close();
        relay.shutdownNow();
        handshakes.close();
    }

    /** Encrypt on the client, decrypt on the server: one full record round through DTLS. */
    @Benchmark
    public long protectAndUnprotect() {
        record.clear();
        link.client.send(record);
        return link.serverReceivedBytes;
    }
}
