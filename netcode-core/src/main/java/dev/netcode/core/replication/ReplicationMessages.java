package dev.netcode.core.replication;

import dev.netcode.core.MessageRegistry;
import dev.netcode.core.replication.internal.SnapshotAck;
import dev.netcode.core.replication.internal.SnapshotPacket;

/**
 * Registers the two messages replication sends (snapshot packets and acks) with bounded
 * serializers. Call it on both ends, at the same position among your own registrations, or the
 * connect-time registration check refuses the connection.
 *
 * <pre>{@code
 * MessageRegistry registry = ReplicationMessages.register(MessageRegistry.builder())
 *         .register(PlayerInput.class).build();
 * }</pre>
 */
public final class ReplicationMessages {
    private ReplicationMessages() {}

    public static MessageRegistry.Builder register(MessageRegistry.Builder builder) {
        return builder.register(SnapshotPacket.class, new SnapshotPacket.Codec())
                .register(SnapshotAck.class, new SnapshotAck.Codec());
    }
}
