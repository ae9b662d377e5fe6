package dev.netcode.bench.receivepath;

import dev.netcode.webrtc.dtls.DtlsHandshakeExecutor;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The receive-decrypt-deliver path alone, as issue 11 defines it: one operation is one encrypted
 * datagram (one DTLS record carrying one SCTP DATA chunk of {@code payloadBytes}) fed to the
 * receiving {@code DtlsEndpoint.receive}: DTLS replay check and AES-GCM decrypt, SCTP in-place
 * receive (CRC32c, TSN tracking, SACK decision), DataChannel delivery. Run with {@code -prof gc}:
 * {@code gc.alloc.rate.norm} of {@link #receiveBorrowed} is the bytes allocated per datagram.
 *
 * <h2>How the datagrams are made, and why their cost is not counted</h2>
 * Every datagram must be new to the receiver (its DTLS replay window and SCTP cumulative TSN
 * advance), so they cannot be replayed from a small ring. The trial setup therefore captures one
 * real DATA packet from the sending association, writes copies with consecutive TSNs (CRC32c
 * recomputed) and encrypts each with the sending {@code DtlsEndpoint}, enough for every warm-up
 * and measurement iteration ({@code (warm-ups + measurements) × }{@value #BATCH}), into one array.
 * JMH's GC profiler counts every allocation between the start and the end of an iteration,
 * setup methods included (they run on the benchmark thread inside the iteration, and with
 * {@code Level.Iteration} or {@code Level.Invocation} their allocation would be divided by the
 * iteration's operations). Trial setup runs once, inside the first warm-up iteration only, so the
 * measured iterations see none of it. The benchmark is {@code SingleShotTime} with
 * {@value #BATCH} operations per invocation so that the number of datagrams consumed is known
 * in advance.
 *
 * <p>The proof that this accounting is honest is {@link #receiveOwned}: the same datagrams
 * delivered to an owning (W3C-like) listener, which costs one heap copy per message
 * ({@code payloadBytes} + the 16-byte array header, plus the {@code ByteBuffer}); its
 * {@code gc.alloc.rate.norm} must show exactly that (136 B/op measured: a 64-byte array and its
 * {@code ByteBuffer}), while {@link #receiveBorrowed} shows ≈ 0. The generation allocates about
 * 2 KB per datagram (BouncyCastle record encoding); were any of it attributed to a measured
 * iteration, the figure would be kilobytes per operation. What remains (about 0.3 B/op, some
 * 6 KB per 20,000-datagram iteration) is outside the receive calls: JMH's own per-iteration
 * bookkeeping and other threads; the transport module's {@code BorrowedReceiveAllocationTest}
 * counts exactly 0 bytes around {@code receive} on the receiving thread.
 *
 * <h2>SACKs</h2>
 * The receiver's SCTP decides and builds its SACKs (every second packet) inside the measured
 * operation, allocation-free; they are then dropped instead of encrypted, because encrypting
 * them is the send path (BouncyCastle's record layer and the JDK cipher, about 1.8 KB per record
 * today) that {@link ReceivePathBenchmark} measures as {@code txAllocBytes}. Timers do not run
 * during the measurement: the delayed-ACK timer is armed at most once per 200 ms by design, not
 * per datagram. The sender gets no SACKs and sends nothing while this runs.
 *
 * <pre>
 * ./netcode bench receive-path          # both benchmarks, summary at the end
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(ReceiveOnlyBenchmark.BATCH)
@Warmup(iterations = 10, batchSize = 1)
@Measurement(iterations = 10, batchSize = 1)
@Fork(1)
public class ReceiveOnlyBenchmark {
    /** Datagrams per invocation (one invocation per iteration in single-shot mode). */
    static final int BATCH = 20_000;
    private static final int SCTP_COMMON_HEADER_BYTES = 12;
    private static final int DATA_CHUNK_TYPE = 0;

    @Param({"64"})
    int payloadBytes;

    private DtlsHandshakeExecutor handshakes;
    private LinkedDataChannels link;
    /** All pre-generated datagrams back to back; datagram i is [offsets[i], offsets[i + 1]). */
    private byte[] datagrams;
    private int[] offsets;
    private int count;
    private int next;
    private ByteBuffer view;
    /** SACK packets the receiver built (dropped, not encrypted). */
    long sacksDropped;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws Exception {
        handshakes = DtlsHandshakeExecutor.createDefault();
        link = new LinkedDataChannels(handshakes);
        link.connect(30_000);
        int iterations = params.getWarmup().getCount() * params.getWarmup().getBatchSize()
                + params.getMeasurement().getCount() * params.getMeasurement().getBatchSize();
        generate(iterations * BATCH);
        link.server.packetTap = packet -> sacksDropped++;
        if (params.getBenchmark().endsWith(".receiveOwned")) {
            link.useOwningListener();
        }
        view = ByteBuffer.wrap(datagrams);
    }

    /** Captures one DATA packet of the client, then encrypts {@code n} copies with consecutive TSNs. */
    private void generate(int n) {
        ByteBuffer message = ByteBuffer.allocate(payloadBytes);
        for (int i = 0; i < payloadBytes; i++) {
            message.put(i, (byte) i);
        }
        ByteBuffer[] captured = new ByteBuffer[1];
        link.client.packetTap = p -> {
            ByteBuffer copy = ByteBuffer.allocate(p.remaining());
            copy.put(p).flip();
            captured[0] = copy;
        };
        link.client.channel.send(message);
        link.client.packetTap = null;
        ByteBuffer template = captured[0];
        if (template == null || template.get(SCTP_COMMON_HEADER_BYTES) != DATA_CHUNK_TYPE
                || SCTP_COMMON_HEADER_BYTES + ((template.getShort(SCTP_COMMON_HEADER_BYTES + 2) + 3) & ~3) != template.limit()) {
            throw new IllegalStateException("expected one packet with exactly one DATA chunk, got " + template);
        }
        int firstTsn = template.getInt(SCTP_COMMON_HEADER_BYTES + 4);
        int maxDatagramBytes = template.limit() + 64; // DTLS record header, explicit nonce, tag
        datagrams = new byte[n * maxDatagramBytes];
        offsets = new int[n + 1];
        int[] at = new int[1];
        link.client.datagramTap = d -> {
            int size = d.remaining();
            d.get(datagrams, at[0], size);
            at[0] += size;
        };
        CRC32C crc = new CRC32C();
        byte[] packet = template.array();
        for (int i = 0; i < n; i++) {
            template.putInt(SCTP_COMMON_HEADER_BYTES + 4, firstTsn + i);
            template.putInt(8, 0);
            crc.reset();
            crc.update(packet, 0, template.limit());
            template.putInt(8, Integer.reverseBytes((int) crc.getValue())); // CRC32c, least significant byte first
            offsets[i] = at[0];
            template.position(0);
            link.client.dtls.send(template);
        }
        offsets[n] = at[0];
        link.client.datagramTap = datagram -> { }; // the sender stays silent from now on
        count = n;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        link.close();
        handshakes.close();
    }

    private long receiveBatch() {
        if (next + BATCH > count) {
            throw new IllegalStateException("pre-generated datagrams exhausted: " + count);
        }
        ByteBuffer v = view;
        for (int i = 0; i < BATCH; i++, next++) {
            v.limit(offsets[next + 1]).position(offsets[next]);
            link.server.dtls.receive(v);
            v.clear();
        }
        return link.deliveredBytes;
    }

    /** {@value #BATCH} datagrams received, decrypted and delivered borrowed (no copy). */
    @Benchmark
    public long receiveBorrowed() {
        return receiveBatch();
    }

    /** The control: the same, delivered to an owning listener (one copy per message). */
    @Benchmark
    public long receiveOwned() {
        return receiveBatch();
    }
}
