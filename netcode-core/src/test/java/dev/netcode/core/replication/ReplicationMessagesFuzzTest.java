package dev.netcode.core.replication;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.netcode.core.MessageRegistry;
import dev.netcode.core.internal.KryoCodec;
import dev.netcode.core.internal.MalformedMessageException;
import dev.netcode.core.replication.internal.SnapshotPacket;
import dev.netcode.core.snapshot.SnapshotConfig;
import dev.netcode.core.snapshot.SnapshotFormatException;
import dev.netcode.core.snapshot.SnapshotReceiver;
import java.nio.ByteBuffer;

/**
 * The client's whole path for a hostile message: Kryo decoding of the replication messages (bounded
 * serializers), then the snapshot decoder on whatever payload came out. Only the two typed
 * exceptions may escape.
 */
class ReplicationMessagesFuzzTest {
    private static final KryoCodec CODEC =
            ReplicationMessages.register(MessageRegistry.builder()).build().codecForCurrentThread();
    private static final SnapshotReceiver RECEIVER =
            new SnapshotReceiver(ReplicationLoop.SCHEMAS, SnapshotConfig.DEFAULT);

    @FuzzTest(maxDuration = "15s")
    void replicationMessagesOnlyFailWithTypedErrors(byte[] input) {
        try {
            Object message = CODEC.readRemoteMessage(ByteBuffer.wrap(input));
            if (message instanceof SnapshotPacket packet) {
                RECEIVER.receive(packet.payload, 0, packet.payloadLength);
            }
        } catch (MalformedMessageException | SnapshotFormatException expected) {
            // typed rejection of hostile input
        }
    }
}
