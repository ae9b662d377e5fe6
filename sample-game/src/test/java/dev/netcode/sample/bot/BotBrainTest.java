package dev.netcode.sample.bot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netcode.sample.sim.ArenaRules;
import dev.netcode.sample.sim.PlayerInput;
import dev.netcode.sample.sim.PlayerMotion;
import dev.netcode.sample.sim.PlayerState;
import dev.netcode.sample.sim.World;
import org.junit.jupiter.api.Test;

class BotBrainTest {
    @Test
    void botsFightForSixtySecondsProduceKillsAndStayInTheArena() {
        long seed = 20261126L;
        System.out.println("seed " + seed);
        World world = new World(seed);
        LocalBots bots = new LocalBots(world, 6, seed);
        PlayerInput[] inputs = new PlayerInput[ArenaRules.MAX_PLAYERS];
        int shots = 0;
        int hits = 0;
        for (int t = 0; t < 60 * ArenaRules.TICK_RATE_HZ; t++) {
            bots.fillInputs(world, world.tick() + 1, inputs);
            world.step(inputs);
            shots += world.shotsThisTick().size();
            hits += (int) world.shotsThisTick().stream().filter(s -> s.hit()).count();
            for (int i = 0; i < world.playerCount(); i++) {
                PlayerState p = world.player(i);
                assertThat(p.x()).isBetween(PlayerMotion.PLAYER_RADIUS, PlayerMotion.ARENA_WIDTH - PlayerMotion.PLAYER_RADIUS);
                assertThat(p.y()).isBetween(PlayerMotion.PLAYER_RADIUS, PlayerMotion.ARENA_HEIGHT - PlayerMotion.PLAYER_RADIUS);
            }
        }
        int kills = 0;
        for (int i = 0; i < world.playerCount(); i++) {
            kills += world.player(i).kills();
        }
        System.out.println("shots " + shots + ", hits " + hits + ", kills " + kills);
        assertThat(kills).isGreaterThan(0);
        assertThat(hits).isGreaterThan(0).isLessThanOrEqualTo(shots);
    }

    @Test
    void botRunsAreReproducible() {
        assertThat(runHash(5)).isEqualTo(runHash(5));
        assertThat(runHash(5)).isNotEqualTo(runHash(6));
    }

    @Test
    void deadBotSendsIdleInput() {
        World world = new World(1);
        LocalBots bots = new LocalBots(world, 1, 1);
        world.removePlayer(0);
        PlayerInput[] inputs = new PlayerInput[ArenaRules.MAX_PLAYERS];
        bots.fillInputs(world, 1, inputs);
        assertThat(inputs[0].fire()).isFalse();
        assertThat(inputs[0].moveX()).isZero();
    }

    private static long runHash(long seed) {
        World world = new World(seed);
        LocalBots bots = new LocalBots(world, 4, seed);
        PlayerInput[] inputs = new PlayerInput[ArenaRules.MAX_PLAYERS];
        for (int t = 0; t < 20 * ArenaRules.TICK_RATE_HZ; t++) {
            bots.fillInputs(world, world.tick() + 1, inputs);
            world.step(inputs);
        }
        return world.stateHash();
    }
}
