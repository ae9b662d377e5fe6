package dev.netcode.core.replication.internal;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/**
 * Server → client: one encoded snapshot plus the timing the client needs for clock sync and
 * interpolation. Sent unreliably; the snapshot payload itself carries sequence, tick and baseline.
 *
 * <h2>Wire format (Kryo body, after the message's class id)</h2>
 * <pre>
 * +----------------------+--------------------+---------------------+-------------------+---------+
 * | tickTimeNs (varlong) | sendDelayNs (zz    | echoClientTimeNs    | holdNs (zz varint | length  |
 * |  server clock, &gt;= 0 |  varint, &gt;= 0)     |  (zz varlong)       |  -1 = no echo)    | (varint)| payload
 * +----------------------+--------------------+---------------------+-------------------+---------+
 * </pre>
 * {@code tickTimeNs} stamps the simulated state; {@code tickTimeNs + sendDelayNs} is the server clock
 * when the packet left; {@code echoClientTimeNs} is the client clock of the newest ack the server
 * had received, and {@code holdNs} how long the server held it, so the client gets an NTP-style
 * round-trip sample without extra ping messages. At most {@link #MAX_HEADER_BYTES} bytes precede the
 * payload, whose length is capped at {@link #MAX_PAYLOAD_BYTES}.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>The decoder rejects negative or oversized fields with a {@link KryoException}, which the
 *       connection treats as a malformed message; never trust {@code length}.</li>
 * </ul>
 */
public final class SnapshotPacket {
    /** Largest Kryo body before the payload: 10 + 5 + 10 + 5 + 3 bytes. */
    public static final int MAX_HEADER_BYTES = 33;
    /** Hard cap on a payload's size (a snapshot is budgeted to one datagram; this bounds hostile input). */
    public static final int MAX_PAYLOAD_BYTES = 64 * 1024;

    public long tickTimeNs;
    public int sendDelayNs;
    public long echoClientTimeNs;
    public int holdNs = -1;
    public byte[] payload;
    public int payloadLength;

    public static final class Codec extends Serializer<SnapshotPacket> {
        @Override
        public void write(Kryo kryo, Output output, SnapshotPacket p) {
            output.writeVarLong(p.tickTimeNs, true);
            output.writeVarInt(p.sendDelayNs, true);
            output.writeVarLong(p.echoClientTimeNs, false);
            output.writeVarInt(p.holdNs, false);
            output.writeVarInt(p.payloadLength, true);
            output.writeBytes(p.payload, 0, p.payloadLength);
        }

        @Override
        public SnapshotPacket read(Kryo kryo, Input input, Class<? extends SnapshotPacket> type) {
            SnapshotPacket p = new SnapshotPacket();
            p.tickTimeNs = input.readVarLong(true);
            p.sendDelayNs = input.readVarInt(true);
            p.echoClientTimeNs = input.readVarLong(false);
            p.holdNs = input.readVarInt(false);
            int length = input.readVarInt(true);
            if (p.tickTimeNs < 0 || p.sendDelayNs < 0 || p.holdNs < -1) {
                throw new KryoException("negative snapshot timing field");
            }
            if (length < 0 || length > MAX_PAYLOAD_BYTES) {
                throw new KryoException("snapshot payload length out of range: " + length);
            }
            // readBytes fails with a KryoException if fewer bytes remain: no allocation beyond the cap.
            p.payload = input.readBytes(length);
            p.payloadLength = length;
            return p;
        }
    }
}
