package dev.netcode.core.snapshot;

/**
 * How fast an entity's priority grows per snapshot while it has changes the client has not
 * acknowledged (e.g. higher for entities near the player). The sender fills each packet with the
 * highest accumulated priorities first and resets an entity's accumulator when it is sent.
 *
 * <p>Return a positive weight; values are clamped to {@code [0.001, 1000]} so every entity keeps
 * accumulating and none starves: with weights within a factor {@code k} of each other, every changed
 * relevant entity is sent at least every {@code k × (n / perPacket) + 1} snapshots.
 */
@FunctionalInterface
public interface PriorityFunction {
    PriorityFunction UNIFORM = (id, typeId, data, stateOffset) -> 1f;

    float weight(int entityId, int typeId, int[] data, int stateOffset);
}
