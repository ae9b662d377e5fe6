package dev.netcode.bench.stun;

import dev.netcode.webrtc.stun.StunClass;
import dev.netcode.webrtc.stun.StunMessage;
import dev.netcode.webrtc.stun.StunMessageWriter;
import dev.netcode.webrtc.stun.StunMethod;
import dev.netcode.webrtc.stun.StunParseException;
import dev.netcode.webrtc.stun.StunTransactionId;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * STUN codec cost per ICE connectivity check: encoding a Binding request with USERNAME, PRIORITY,
 * ICE-CONTROLLING, USE-CANDIDATE, MESSAGE-INTEGRITY and FINGERPRINT (what an agent sends every Ta),
 * decoding it, and decoding plus HMAC verification (what the receiver does).
 *
 * <p>Run: {@code java -cp bench/target/classes:$(cat bench/target/launcher.classpath) org.openjdk.jmh.Main StunCodecBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StunCodecBenchmark {
    private final StunMessageWriter writer = new StunMessageWriter();
    private final byte[] password = "VOkJxbRl1RmTxUk/WvJxBt1x".getBytes(StandardCharsets.UTF_8);
    private ByteBuf out;
    private StunTransactionId tid;
    private byte[] request;
    private byte[] response;
    private InetSocketAddress mapped;

    @Setup
    public void setUp() throws Exception {
        out = Unpooled.buffer(256);
        tid = StunTransactionId.random(new Random(1));
        mapped = new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853);
        request = ByteBufUtil.getBytes(encodeRequest());
        out.clear();
        writer.begin(out, StunClass.SUCCESS_RESPONSE, StunMethod.BINDING, tid)
                .xorMappedAddress(mapped).messageIntegrity(password).fingerprint().finish();
        response = ByteBufUtil.getBytes(out);
    }

    @TearDown
    public void tearDown() {
        out.release();
    }

    private ByteBuf encodeRequest() {
        out.clear();
        writer.begin(out, StunClass.REQUEST, StunMethod.BINDING, tid)
                .username("abcdEFGH:ijklMNOP")
                .priority(1853824767L)
                .iceControlling(0x0123456789ABCDEFL)
                .useCandidate()
                .messageIntegrity(password)
                .fingerprint()
                .finish();
        return out;
    }

    @Benchmark
    public ByteBuf encodeCheckRequest() {
        return encodeRequest();
    }

    @Benchmark
    public int encodeSuccessResponse() {
        out.clear();
        return writer.begin(out, StunClass.SUCCESS_RESPONSE, StunMethod.BINDING, tid)
                .xorMappedAddress(mapped).messageIntegrity(password).fingerprint().finish();
    }

    @Benchmark
    public StunMessage decodeCheckRequest() throws StunParseException {
        return StunMessage.decode(request);
    }

    @Benchmark
    public boolean decodeAndVerifyCheckRequest() throws StunParseException {
        StunMessage m = StunMessage.decode(request);
        return m.verifyMessageIntegrity(password) && m.username() != null;
    }

    @Benchmark
    public InetSocketAddress decodeVerifyResponseMappedAddress() throws StunParseException {
        StunMessage m = StunMessage.decode(response);
        return m.verifyMessageIntegrity(password) ? m.xorMappedAddress() : null;
    }
}
