package dev.netcode.bench.dtls;

import dev.netcode.webrtc.dtls.DtlsCryptoBackend;
import dev.netcode.webrtc.dtls.DtlsHandshakeExecutor;
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
 * A complete WebRTC-style DTLS 1.2 handshake in memory (HelloVerifyRequest, ECDHE P-256 or X25519,
 * ECDSA P-256 certificates both ways, fingerprint checks) with either crypto back-end.
 *
 * <pre>
 * java -cp "bench/target/classes:$(cat bench/target/launcher.classpath)" org.openjdk.jmh.Main DtlsHandshakeBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class DtlsHandshakeBenchmark {

    @Param({"JCA", "BC", "HYBRID"})
    public DtlsCryptoBackend backend;

    /** With the RFC 6347 cookie round trip (the default before issue 5's setup work) or without. */
    @Param({"false", "true"})
    public boolean helloVerifyRequest;

    private DtlsHandshakeExecutor handshakes;
    private ExecutorService relay;

    @Setup(Level.Trial)
    public void setUp() {
        handshakes = DtlsHandshakeExecutor.create(2, 4);
        relay = Executors.newSingleThreadExecutor();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        relay.shutdownNow();
        handshakes.close();
    }

    @Benchmark
    public long handshake() throws Exception {
        try (LinkedEndpoints link = new LinkedEndpoints(backend, helloVerifyRequest, handshakes, relay)) {
            link.handshake(30_000);
            return link.client.handshakeDurationMs();
        }
    }
}
