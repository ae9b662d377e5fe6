package dev.netcode.core.replication.internal;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/**
 * Client → server: the newest decoded snapshot sequence and the client's clock when sent (echoed
 * back in the next {@link SnapshotPacket} for clock sync).
 *
 * <h2>Wire format (Kryo body)</h2>
 * <pre>
 * +---------------------------+---------------------------+
 * | ackSequence (zz varint,   | clientTimeNs (zz varlong) |
 * |  -1 = nothing decoded)    |                           |
 * +---------------------------+---------------------------+
 * </pre>
 * Any value is harmless: the server's {@code SnapshotSender.onAck} ignores unknown sequences.
 */
public final class SnapshotAck {
    public int ackSequence = -1;
    public long clientTimeNs;

    public SnapshotAck() {}

    public SnapshotAck(int ackSequence, long clientTimeNs) {
        this.ackSequence = ackSequence;
        this.clientTimeNs = clientTimeNs;
    }

    public static final class Codec extends Serializer<SnapshotAck> {
        @Override
        public void write(Kryo kryo, Output output, SnapshotAck a) {
            output.writeVarInt(a.ackSequence, false);
            output.writeVarLong(a.clientTimeNs, false);
        }

        @Override
        public SnapshotAck read(Kryo kryo, Input input, Class<? extends SnapshotAck> type) {
            return new SnapshotAck(input.readVarInt(false), input.readVarLong(false));
        }
    }
}
