package dev.netcode.bench.receivepath;

import dev.netcode.webrtc.dtls.DtlsHandshakeExecutor;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * The per-datagram data path of a DataChannel, in process and warm: one game-sized message
 * ({@code payloadBytes}) sent on the unreliable channel, SCTP packs it into a DATA chunk, DTLS
 * encrypts the packet into one record, the peer decrypts it, SCTP receives it and the DataChannel
 * delivers it; every second packet the receiver's SACK travels back the same way (DTLS decrypt,
 * SCTP SACK processing). Run with {@code -prof gc}: {@code gc.alloc.rate.norm} is the bytes
 * allocated per message for the whole round (both directions). The split is measured with the
 * thread's allocation counter and reported as two auxiliary results per message:
 * {@code rxAllocBytes} (inside {@code DtlsEndpoint.receive}: DTLS decrypt, SCTP receive and SACK
 * processing, DataChannel delivery to a borrowing listener, so no per-message copy; the SACK and
 * DATA sends nested in it are excluded) and
 * {@code txAllocBytes} (SCTP packets through {@code DtlsEndpoint.send}: DATA chunks and SACKs,
 * encrypted). The rest of {@code gc.alloc.rate.norm} is {@code DataChannel.send} and timers.
 * {@link ReceiveOnlyBenchmark} measures the receive side alone, where {@code gc.alloc.rate.norm}
 * itself is the figure.
 *
 * <pre>
 * ./netcode bench receive-path          # JMH with the GC profiler, summary at the end
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ReceivePathBenchmark {
    @Param({"64"})
    int payloadBytes;

    private DtlsHandshakeExecutor handshakes;
    private LinkedDataChannels link;
    private ByteBuffer message;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        handshakes = DtlsHandshakeExecutor.createDefault();
        link = new LinkedDataChannels(handshakes);
        link.connect(30_000);
        message = ByteBuffer.allocate(payloadBytes);
        for (int i = 0; i < payloadBytes; i++) {
            message.put(i, (byte) i);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        link.close();
        handshakes.close();
    }

    /** Per-message allocation split, in bytes (cumulative averages since the trial started). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Split {
        public long rxAllocBytes;
        public long txAllocBytes;
        long rxBase;
        long txBase;
        long messagesBase;

        @Setup(Level.Iteration)
        public void reset() {
            // JMH reads the fields after each iteration; they hold that iteration's per-message figure.
            rxAllocBytes = 0;
            txAllocBytes = 0;
            messagesBase = -1;
        }
    }

    /** One message client → server through DTLS and SCTP, delivered; the SACKs it causes flow back. */
    @Benchmark
    public long sendDecryptDeliver(Split split) {
        if (split.messagesBase < 0) {
            split.messagesBase = link.deliveredMessages;
            split.rxBase = link.receiveAllocatedBytes;
            split.txBase = link.sendAllocatedBytes;
        }
        message.clear();
        link.client.channel.send(message);
        link.pump();
        long messages = link.deliveredMessages - split.messagesBase;
        if (messages > 0) {
            split.rxAllocBytes = (link.receiveAllocatedBytes - split.rxBase) / messages;
            split.txAllocBytes = (link.sendAllocatedBytes - split.txBase) / messages;
        }
        return link.deliveredBytes;
    }
}
