package dev.netcode.core.prediction;

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
 * <h2>Pitfalls</h2>
 * Every field is remote input on the server: {@link InputBuffer#offer} validates them all and
 * throws {@link InputPacketException} for anything out of bounds.
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
}
