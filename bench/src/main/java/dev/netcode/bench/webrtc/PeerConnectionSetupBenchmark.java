package dev.netcode.bench.webrtc;

import dev.netcode.webrtc.PeerConnection;
import dev.netcode.webrtc.PeerConnectionConfig;
import dev.netcode.webrtc.SessionDescriptionInit;
import dev.netcode.webrtc.dtls.DtlsCertificate;
import dev.netcode.webrtc.dtls.DtlsHandshakeExecutor;
import dev.netcode.webrtc.ice.IceConfig;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetAddress;
import java.util.List;
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
 * Connection setup of two Java {@link PeerConnection}s on loopback, once warm: from
 * {@code createOffer} until both sides are CONNECTED (ICE nominated, DTLS handshake done and
 * fingerprints verified). Non-trickle signaling in memory; each side binds its own UDP socket.
 *
 * <p>The ICE agent is paced by a ticker of period {@code checkIntervalMs} (Ta, RFC 8445 §14.2):
 * the first check leaves at the first tick, the nomination at a later one, so setup time is a few
 * Ta. {@code 50} is the default; {@code 5} is the RFC's floor, fine for a handful of pairs.
 * The nomination delay is 0: with one host candidate per side there is no better pair to wait for.
 *
 * <pre>
 * java -cp "bench/target/classes:$(cat bench/target/launcher.classpath)" org.openjdk.jmh.Main PeerConnectionSetupBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class PeerConnectionSetupBenchmark {

    @Param({"5", "50"})
    public int checkIntervalMs;

    private EventLoopGroup group;
    private DtlsHandshakeExecutor handshakes;
    private PeerConnectionConfig config;

    @Setup(Level.Trial)
    public void setUp() {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        handshakes = DtlsHandshakeExecutor.create(4, 16);
        config = PeerConnectionConfig.builder()
                .ice(IceConfig.builder().checkIntervalMs(checkIntervalMs).nominationDelayMs(0).build())
                .hostAddresses(List.of(InetAddress.getLoopbackAddress()))
                .eventLoopGroup(group)
                .handshakeExecutor(handshakes)
                .certificate(DtlsCertificate.generate())
                .build();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        handshakes.close();
    }

    @Benchmark
    public long connect() throws Exception {
        return connectOnce(config);
    }

    /** One offer/answer and connection; returns the offerer's DTLS-connected time in ms. */
    public static long connectOnce(PeerConnectionConfig config) throws Exception {
        PeerConnection offerer = PeerConnection.create(config);
        PeerConnection answerer = PeerConnection.create(config);
        try {
            offerer.setLocalDescription(offerer.createOffer().get(5, TimeUnit.SECONDS)).get(5, TimeUnit.SECONDS);
            SessionDescriptionInit offer = offerer.localDescriptionWithAllCandidates().get(5, TimeUnit.SECONDS);
            answerer.setRemoteDescription(offer).get(5, TimeUnit.SECONDS);
            answerer.setLocalDescription(answerer.createAnswer().get(5, TimeUnit.SECONDS)).get(5, TimeUnit.SECONDS);
            offerer.setRemoteDescription(answerer.localDescriptionWithAllCandidates().get(5, TimeUnit.SECONDS))
                    .get(5, TimeUnit.SECONDS);
            offerer.connected().get(10, TimeUnit.SECONDS);
            answerer.connected().get(10, TimeUnit.SECONDS);
            return offerer.dtlsConnectedMs();
        } finally {
            offerer.close();
            answerer.close();
        }
    }
}
