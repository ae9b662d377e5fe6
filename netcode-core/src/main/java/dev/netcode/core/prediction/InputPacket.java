package dev.netcode.core.prediction;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/**
 * Client → server, every tick: the newest inputs, newest first, so a lost packet is covered by the
 * next ones. Register with {@link PredictionMessages#register}.
 *
 * <pre>
 *  sequence         per copy sent, +1 each (the server measures loss from gaps)
 *  streamStartTick  the client's first input tick (so the server knows where the stream begins)
 *  newestTick       tick of inputs[0]; inputs[k] is for tick newestTick - k
 *  inputs           1 .. {@link PredictionConfig#maxInputsPerPacket()} game inputs
 * </pre>
 *
 * <h2>Wire format (Kryo body, {@link Codec})</h2>
 * <pre>
 * +------------------+------------------------+-------------------+---------------+----------------
 * | sequence (zz     | streamStartTick (zz    | newestTick (zz    | count (varint | count x input
 * |  varint)         |  varint)               |  varint)          |  0..{@value PredictionConfig#MAX_INPUTS_PER_PACKET}) | (class id + body)
 * +------------------+------------------------+-------------------+---------------+----------------
 * </pre>
 *
 * <h2>Pitfalls</h2>
 * Every field is remote input on the server: {@link InputBuffer#offer} validates them all and
 * throws {@link InputPacketException} for anything out of bounds. The explicit {@link Codec} exists
 * because Kryo's field serializer stores a decoded object into a field with {@code Unsafe} and no
 * type check: a hostile peer could put a non-array object into {@code inputs} and crash the JVM.
 */
public final class InputPacket {
    public int sequence;
    public int streamStartTick;
    public int newestTick;
    public Object[] inputs;

    public InputPacket() {}

    public InputPacket(int sequence, int streamStartTick, int newestTick, Object[] inputs) {
        this.sequence = sequence;
        this.streamStartTick = streamStartTick;
        this.newestTick = newestTick;
        this.inputs = inputs;
    }

    /**
     * Reads and writes the packet field by field; the input count is checked before the array is
     * allocated, and inputs are read as class id + object (the buffer checks their type).
     */
    public static final class Codec extends Serializer<InputPacket> {
        @Override
        public void write(Kryo kryo, Output out, InputPacket p) {
            Object[] inputs = p.inputs == null ? new Object[0] : p.inputs;
            if (inputs.length > PredictionConfig.MAX_INPUTS_PER_PACKET) {
                throw new IllegalArgumentException(inputs.length + " inputs; at most "
                        + PredictionConfig.MAX_INPUTS_PER_PACKET);
            }
            out.writeVarInt(p.sequence, false);
            out.writeVarInt(p.streamStartTick, false);
            out.writeVarInt(p.newestTick, false);
            out.writeVarInt(inputs.length, true);
            for (Object input : inputs) {
                kryo.writeClassAndObject(out, input);
            }
        }

        @Override
        public InputPacket read(Kryo kryo, Input in, Class<? extends InputPacket> type) {
            InputPacket p = new InputPacket();
            p.sequence = in.readVarInt(false);
            p.streamStartTick = in.readVarInt(false);
            p.newestTick = in.readVarInt(false);
            int n = in.readVarInt(true);
            if (n < 0 || n > PredictionConfig.MAX_INPUTS_PER_PACKET) {
                throw new KryoException("input count " + n + " outside 0.." + PredictionConfig.MAX_INPUTS_PER_PACKET);
            }
            p.inputs = new Object[n];
            for (int i = 0; i < n; i++) {
                p.inputs[i] = kryo.readClassAndObject(in);
            }
            return p;
        }
    }
}
