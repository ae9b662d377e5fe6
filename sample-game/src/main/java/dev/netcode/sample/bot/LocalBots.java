package dev.netcode.sample.bot;

import dev.netcode.sample.sim.ArenaView;
import dev.netcode.sample.sim.PlayerInput;
import dev.netcode.sample.sim.World;
import java.util.ArrayList;
import java.util.List;

/**
 * A set of in-process bots playing in a {@link World}: adds their players and fills their
 * inputs each tick. Used by the offline demo, the host skeleton and tests. Bot {@code i} gets
 * seed {@code seed + i}.
 */
public final class LocalBots {
    private final List<BotBrain> brains = new ArrayList<>();

    /** Adds {@code count} bot players to the world. */
    public LocalBots(World world, int count, long seed) {
        for (int i = 0; i < count; i++) {
            int id = world.addPlayer();
            brains.add(new BotBrain(id, seed + i));
        }
    }

    /** Writes each bot's input for {@code tick} into {@code inputsBySlot}. */
    public void fillInputs(ArenaView view, int tick, PlayerInput[] inputsBySlot) {
        for (BotBrain brain : brains) {
            inputsBySlot[brain.selfId()] = brain.think(view, tick);
        }
    }

    public int count() {
        return brains.size();
    }

    public List<BotBrain> brains() {
        return List.copyOf(brains);
    }
}
