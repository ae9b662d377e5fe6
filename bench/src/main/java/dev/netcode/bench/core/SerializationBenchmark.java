package dev.netcode.bench.core;

import dev.netcode.core.MessageRegistry;
import dev.netcode.core.internal.KryoCodec;
import dev.netcode.core.internal.MalformedMessageException;
import java.nio.ByteBuffer;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Message serialization as core's send and receive paths do it: a per-thread Kryo with pooled
 * {@code Output}/{@code Input} ({@link KryoCodec}), a netcode type byte, then the Kryo payload.
 *
 * <p>{@code serialize*} is the whole send path up to the transport hand-off and should allocate
 * 0 bytes/op after warm-up; {@code deserialize*} necessarily allocates the received object (and
 * its arrays); {@code roundTrip*} is both. Run with {@code ./netcode bench serialization} (GC
 * profiler on, prints bytes/op) or JMH's own options.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SerializationBenchmark {

    /** A typical per-tick input: tick number, two axes, button bits. */
    public static final class PlayerInput {
        public int tick;
        public float moveX;
        public float moveY;
        public int buttons;
    }

    /** A small state message with arrays: 16 entities with id, x, y. */
    public static final class EntityStates {
        public int tick;
        public int[] ids = new int[16];
        public float[] xs = new float[16];
        public float[] ys = new float[16];
    }

    public static final class Chat {
        public String text;
    }

    private KryoCodec codec;
    private PlayerInput input;
    private EntityStates states;
    private Chat chat;
    private ByteBuffer inputBytes;
    private ByteBuffer statesBytes;

    @Setup
    public void setUp() {
        MessageRegistry registry = MessageRegistry.builder()
                .register(PlayerInput.class)
                .register(EntityStates.class)
                .register(Chat.class)
                .register(int[].class)
                .register(float[].class)
                .build();
        codec = registry.codecForCurrentThread();
        input = new PlayerInput();
        input.tick = 123_456;
        input.moveX = 0.7f;
        input.moveY = -0.3f;
        input.buttons = 5;
        states = new EntityStates();
        for (int i = 0; i < 16; i++) {
            states.ids[i] = i + 1;
            states.xs[i] = i * 1.5f;
            states.ys[i] = i * 0.25f;
        }
        chat = new Chat();
        chat.text = "gg wp, see you next round";
        inputBytes = copyOf(serialize(input));
        statesBytes = copyOf(serialize(states));
    }

    private ByteBuffer serialize(Object message) {
        codec.beginWrite().writeByte(0x10);
        codec.writeMessage(message);
        return codec.written();
    }

    private static ByteBuffer copyOf(ByteBuffer b) {
        return ByteBuffer.allocate(b.remaining()).put(b).flip();
    }

    private Object deserialize(ByteBuffer bytes) throws MalformedMessageException {
        bytes.position(1); // skip the netcode type byte, as the receive path does
        return codec.readRemoteMessage(bytes);
    }

    @Benchmark
    public int serializeInput() {
        return serialize(input).remaining();
    }

    @Benchmark
    public int serializeEntityStates() {
        return serialize(states).remaining();
    }

    @Benchmark
    public int serializeChat() {
        return serialize(chat).remaining();
    }

    @Benchmark
    public Object deserializeInput() throws MalformedMessageException {
        return deserialize(inputBytes);
    }

    @Benchmark
    public Object deserializeEntityStates() throws MalformedMessageException {
        return deserialize(statesBytes);
    }

    @Benchmark
    public Object roundTripInput() throws MalformedMessageException {
        ByteBuffer out = serialize(input);
        return codec.readRemoteMessage(out.position(1));
    }
}
