package dev.netcode.core.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netcode.core.MessageRegistry;
import dev.netcode.core.internal.KryoCodec;
import dev.netcode.core.internal.MalformedMessageException;
import dev.netcode.core.replication.internal.SnapshotAck;
import dev.netcode.core.replication.internal.SnapshotPacket;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class ReplicationMessagesTest {
    private final KryoCodec codec = ReplicationMessages.register(MessageRegistry.builder()).build().codecForCurrentThread();

    private ByteBuffer encode(Object message) {
        codec.writeMessage(message);
        ByteBuffer written = codec.written();
        ByteBuffer copy = ByteBuffer.allocate(written.remaining());
        copy.put(written).flip();
        return copy;
    }

    @Test
    void largestHeaderStaysWithinTheReservedOverhead() throws Exception {
        SnapshotPacket p = new SnapshotPacket();
        p.tickTimeNs = Long.MAX_VALUE;
        p.sendDelayNs = Integer.MAX_VALUE;
        p.echoClientTimeNs = Long.MIN_VALUE;
        p.holdNs = Integer.MAX_VALUE;
        p.payload = new byte[1162];
        p.payloadLength = 1162;
        ByteBuffer bytes = encode(p);
        // The transport adds a type byte and a 2-byte sequence at most.
        assertThat(bytes.remaining() + 3).isLessThanOrEqualTo(1162 + ReplicationConfig.OVERHEAD_BYTES);
        SnapshotPacket back = (SnapshotPacket) codec.readRemoteMessage(bytes);
        assertThat(back.tickTimeNs).isEqualTo(Long.MAX_VALUE);
        assertThat(back.echoClientTimeNs).isEqualTo(Long.MIN_VALUE);
        assertThat(back.payloadLength).isEqualTo(1162);
    }

    @Test
    void ackRoundTrips() throws Exception {
        SnapshotAck back = (SnapshotAck) codec.readRemoteMessage(encode(new SnapshotAck(-1, -123456789L)));
        assertThat(back.ackSequence).isEqualTo(-1);
        assertThat(back.clientTimeNs).isEqualTo(-123456789L);
    }

    @Test
    void oversizedOrTruncatedPayloadIsATypedError() {
        SnapshotPacket p = new SnapshotPacket();
        p.payload = new byte[100];
        p.payloadLength = 100;
        ByteBuffer bytes = encode(p);
        ByteBuffer truncated = bytes.duplicate();
        truncated.limit(bytes.limit() - 10);
        assertThatThrownBy(() -> codec.readRemoteMessage(truncated)).isInstanceOf(MalformedMessageException.class);
        p.payload = new byte[SnapshotPacket.MAX_PAYLOAD_BYTES + 1];
        p.payloadLength = p.payload.length;
        ByteBuffer oversized = encode(p);
        assertThatThrownBy(() -> codec.readRemoteMessage(oversized)).isInstanceOf(MalformedMessageException.class);
    }
}
