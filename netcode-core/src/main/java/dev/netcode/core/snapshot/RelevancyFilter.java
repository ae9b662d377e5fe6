package dev.netcode.core.snapshot;

/**
 * Decides per client which entities it should know about (area of interest, team visibility).
 * Entities that stop being relevant are destroyed on that client; when they become relevant again
 * they are created afresh.
 *
 * <p>Called once per entity per snapshot on the sending thread: keep it cheap and allocation-free.
 */
@FunctionalInterface
public interface RelevancyFilter {
    RelevancyFilter ALL = (id, typeId, data, stateOffset) -> true;

    boolean isRelevant(int entityId, int typeId, int[] data, int stateOffset);
}
