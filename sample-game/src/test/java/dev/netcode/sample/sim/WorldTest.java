package dev.netcode.sample.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class WorldTest {
    private static final float HALF_PI = (float) (Math.PI / 2);

    private static PlayerInput[] inputs() {
        return new PlayerInput[ArenaRules.MAX_PLAYERS];
    }

    /** Places two living players facing each other 10 units apart on the x axis. */
    private static World duel() {
        World w = new World(7);
        w.addPlayer();
        w.addPlayer();
        w.playerById(0).setPosition(20f, 3f);
        w.playerById(1).setPosition(30f, 3f);
        return w;
    }

    @Test
    void playersSpawnInsideTheArenaWithFullHp() {
        World w = new World(1);
        for (int i = 0; i < ArenaRules.MAX_PLAYERS; i++) {
            w.addPlayer();
        }
        assertThat(w.playerCount()).isEqualTo(ArenaRules.MAX_PLAYERS);
        for (int i = 0; i < w.playerCount(); i++) {
            PlayerState p = w.player(i);
            assertThat(p.alive()).isTrue();
            assertThat(p.hp()).isEqualTo(ArenaRules.MAX_HP);
            assertInside(p);
        }
    }

    @Test
    void hitscanDamagesTheTargetAndRespectsCooldown() {
        World w = duel();
        PlayerInput[] in = inputs();
        in[0] = PlayerInput.of(1, 0, 0, 0f, true); // aim +x, towards player 1
        w.step(in);
        assertThat(w.playerById(1).hp()).isEqualTo(ArenaRules.MAX_HP - ArenaRules.SHOT_DAMAGE);
        assertThat(w.shotsThisTick()).hasSize(1);
        ShotEvent shot = w.shotsThisTick().get(0);
        assertThat(shot.hitId()).isEqualTo(1);
        assertThat(shot.toX()).isEqualTo(30f - PlayerMotion.PLAYER_RADIUS);
        // Trigger held: the next shot comes only after the cooldown.
        for (int t = 2; t <= ArenaRules.FIRE_COOLDOWN_TICKS; t++) {
            in[0] = PlayerInput.of(t, 0, 0, 0f, true);
            w.step(in);
            assertThat(w.shotsThisTick()).isEmpty();
        }
        in[0] = PlayerInput.of(ArenaRules.FIRE_COOLDOWN_TICKS + 1, 0, 0, 0f, true);
        w.step(in);
        assertThat(w.shotsThisTick()).hasSize(1);
        assertThat(w.playerById(1).hp()).isEqualTo(ArenaRules.MAX_HP - 2 * ArenaRules.SHOT_DAMAGE);
    }

    @Test
    void missesWhenAimedAwayOrOutOfRange() {
        World w = duel();
        PlayerInput[] in = inputs();
        in[0] = PlayerInput.of(1, 0, 0, HALF_PI, true);
        w.step(in);
        assertThat(w.shotsThisTick()).singleElement().extracting(ShotEvent::hitId).isEqualTo(-1);
        assertThat(w.playerById(1).hp()).isEqualTo(ArenaRules.MAX_HP);

        World far = duel();
        far.playerById(1).setPosition(20f + ArenaRules.SHOT_RANGE + 1f, 3f);
        in[0] = PlayerInput.of(1, 0, 0, 0f, true);
        far.step(in);
        assertThat(far.playerById(1).hp()).isEqualTo(ArenaRules.MAX_HP);
    }

    @Test
    void wallsStopShots() {
        World w = new World(7);
        w.addPlayer();
        w.addPlayer();
        // The centre block spans x 28..36 at y 16..20: a shot across it is stopped at x = 28.
        w.playerById(0).setPosition(24f, 18f);
        w.playerById(1).setPosition(40f, 18f);
        PlayerInput[] in = inputs();
        in[0] = PlayerInput.of(1, 0, 0, 0f, true);
        w.step(in);
        ShotEvent shot = w.shotsThisTick().get(0);
        assertThat(shot.hitId()).isEqualTo(-1);
        assertThat(shot.toX()).isEqualTo(28f);
        assertThat(w.playerById(1).hp()).isEqualTo(ArenaRules.MAX_HP);
    }

    @Test
    void spawnPointsAreClearOfWalls() {
        for (int i = 0; i < ArenaRules.spawnPointCount(); i++) {
            assertThat(Obstacles.overlaps(ArenaRules.spawnX(i), ArenaRules.spawnY(i), 2f)).as("spawn %d", i).isFalse();
        }
    }

    @Test
    void killScoresRespawnsAfterDelayAtASpawnPoint() {
        World w = duel();
        PlayerInput[] in = inputs();
        int shotsToKill = ArenaRules.MAX_HP / ArenaRules.SHOT_DAMAGE;
        int tick = 0;
        for (int s = 0; s < shotsToKill; s++) {
            for (int t = 0; t < ArenaRules.FIRE_COOLDOWN_TICKS; t++) {
                in[0] = PlayerInput.of(++tick, 0, 0, 0f, t == 0);
                w.step(in);
            }
        }
        PlayerState victim = w.playerById(1);
        assertThat(victim.alive()).isFalse();
        assertThat(victim.deaths()).isEqualTo(1);
        assertThat(w.playerById(0).kills()).isEqualTo(1);
        assertThat(w.playerById(0).deaths()).isZero();

        int diedAt = w.tick() - (ArenaRules.FIRE_COOLDOWN_TICKS - 1);
        in[0] = null;
        while (!victim.alive()) {
            w.step(in);
        }
        assertThat(w.tick() - diedAt).isEqualTo(ArenaRules.RESPAWN_TICKS);
        assertThat(victim.hp()).isEqualTo(ArenaRules.MAX_HP);
        boolean atSpawnPoint = false;
        for (int i = 0; i < ArenaRules.spawnPointCount(); i++) {
            atSpawnPoint |= victim.x() == ArenaRules.spawnX(i) && victim.y() == ArenaRules.spawnY(i);
        }
        assertThat(atSpawnPoint).isTrue();
        // The scoreboard ranks the killer first.
        int[] order = new int[ArenaRules.MAX_PLAYERS];
        assertThat(Scoreboard.rank(w, order)).isEqualTo(2);
        assertThat(w.player(order[0]).id()).isZero();
    }

    @Test
    void simultaneousShotsTradeRegardlessOfSlotOrder() {
        World w = duel();
        w.playerById(0).hp = ArenaRules.SHOT_DAMAGE;
        w.playerById(1).hp = ArenaRules.SHOT_DAMAGE;
        PlayerInput[] in = inputs();
        in[0] = PlayerInput.of(1, 0, 0, 0f, true);
        in[1] = PlayerInput.of(1, 0, 0, (float) Math.PI, true);
        w.step(in);
        assertThat(w.playerById(0).alive()).isFalse();
        assertThat(w.playerById(1).alive()).isFalse();
        assertThat(w.playerById(0).kills()).isEqualTo(1);
        assertThat(w.playerById(1).kills()).isEqualTo(1);
    }

    @Test
    void hitJudgingUsesTheSuppliedTargetsForLagCompensation() {
        World w = duel();
        // The target has moved away now, but the shooter saw it at (30, 18): rewound positions hit.
        w.playerById(1).setPosition(30f, 30f);
        float[] rewound = {30f, 3f};
        List<Integer> askedFor = new ArrayList<>();
        w.setHitTargetSource((shooter, input, current) -> {
            askedFor.add(shooter);
            return new HitTargets() {
                public int count() { return 1; }
                public int id(int i) { return 1; }
                public float x(int i) { return rewound[0]; }
                public float y(int i) { return rewound[1]; }
                public boolean alive(int i) { return true; }
            };
        });
        PlayerInput[] in = inputs();
        in[0] = PlayerInput.of(1, 0, 0, 0f, true);
        w.step(in);
        assertThat(askedFor).containsExactly(0);
        assertThat(w.playerById(1).hp()).isEqualTo(ArenaRules.MAX_HP - ArenaRules.SHOT_DAMAGE);
    }

    @Test
    void positionHistoryRewindsHitsToTheShootersView() {
        World w = duel();
        PositionHistory history = new PositionHistory(64);
        w.setHitTargetSource(history.hitTargetSource(w, 15));
        PlayerInput[] in = inputs();
        history.record(w);
        // Player 1 runs up out of the line of fire for 10 ticks.
        for (int t = 0; t < 10; t++) {
            in[1] = PlayerInput.of(w.tick() + 1, 0f, 1f, 0f, false);
            w.step(in);
            history.record(w);
        }
        in[1] = null;
        // Without a view delay the shot misses the moved target...
        in[0] = PlayerInput.of(w.tick() + 1, 0f, 0f, 0f, true);
        w.step(in);
        history.record(w);
        assertThat(w.shotsThisTick().get(0).hitId()).isEqualTo(-1);
        for (int t = 0; t < ArenaRules.FIRE_COOLDOWN_TICKS; t++) {
            in[0] = null;
            w.step(in);
            history.record(w);
        }
        // ...but a shooter who saw the target 12+ ticks ago, when it stood in line, hits it.
        in[0] = PlayerInput.of(w.tick() + 1, 0f, 0f, 0f, true, 255);
        w.step(in);
        assertThat(w.shotsThisTick().get(0).hitId()).as("capped at 15 ticks: still in the moved position").isEqualTo(-1);

        World w2 = duel();
        in = inputs();
        PositionHistory h2 = new PositionHistory(64);
        w2.setHitTargetSource(h2.hitTargetSource(w2, 30));
        h2.record(w2);
        for (int t = 0; t < 10; t++) {
            in[1] = PlayerInput.of(w2.tick() + 1, 0f, 1f, 0f, false);
            w2.step(in);
            h2.record(w2);
        }
        in[1] = null;
        in[0] = PlayerInput.of(w2.tick() + 1, 0f, 0f, 0f, true, 11);
        w2.step(in);
        assertThat(w2.shotsThisTick().get(0).hitId()).isEqualTo(1);
        assertThat(w2.playerById(1).hp()).isEqualTo(ArenaRules.MAX_HP - ArenaRules.SHOT_DAMAGE);
        assertThat(h2.recordedTickAt(0)).isZero();
    }

    @Test
    void copyFromReproducesStateAndFuture() {
        SplittableRandom rnd = new SplittableRandom(42);
        World a = new World(99);
        for (int i = 0; i < 4; i++) {
            a.addPlayer();
        }
        PlayerInput[] in = inputs();
        for (int t = 0; t < 300; t++) {
            randomInputs(rnd, a.tick() + 1, 4, in);
            a.step(in);
        }
        World b = new World(0);
        b.copyFrom(a);
        assertThat(b.stateHash()).isEqualTo(a.stateHash());
        for (int t = 0; t < 300; t++) {
            randomInputs(rnd, a.tick() + 1, 4, in);
            a.step(in);
            b.step(in);
            assertThat(b.stateHash()).isEqualTo(a.stateHash());
        }
    }

    @Property(tries = 40, seed = "20261126")
    void sameSeedAndInputsGiveIdenticalStateHash(@ForAll long worldSeed, @ForAll long inputSeed,
                                                 @ForAll @IntRange(min = 1, max = 8) int players) {
        System.out.println("world seed " + worldSeed + ", input seed " + inputSeed);
        long h1 = run(worldSeed, inputSeed, players, 600);
        long h2 = run(worldSeed, inputSeed, players, 600);
        assertThat(h1).isEqualTo(h2);
    }

    @Property(tries = 40, seed = "20261127")
    void playersNeverLeaveTheArenaAndHpStaysInRange(@ForAll long worldSeed, @ForAll long inputSeed) {
        World w = new World(worldSeed);
        for (int i = 0; i < 6; i++) {
            w.addPlayer();
        }
        SplittableRandom rnd = new SplittableRandom(inputSeed);
        PlayerInput[] in = inputs();
        int deaths = 0;
        int kills = 0;
        for (int t = 0; t < 600; t++) {
            randomInputs(rnd, w.tick() + 1, 6, in);
            w.step(in);
            deaths = 0;
            kills = 0;
            for (int i = 0; i < w.playerCount(); i++) {
                PlayerState p = w.player(i);
                assertInside(p);
                assertThat(Obstacles.overlaps(p.x(), p.y(), PlayerMotion.PLAYER_RADIUS - 1e-3f)).isFalse();
                assertThat(p.hp()).isBetween(0, ArenaRules.MAX_HP);
                assertThat(p.alive()).isEqualTo(p.hp() > 0);
                deaths += p.deaths();
                kills += p.kills();
            }
        }
        // Every kill is someone's death; trades and self-kills cannot create extra kills.
        assertThat(kills).isLessThanOrEqualTo(deaths);
    }

    @Test
    void restoreFromReceivedValuesMatchesTheHostAndClampsHostileValues() {
        World host = new World(5);
        host.addPlayer();
        host.addPlayer();
        SplittableRandom rnd = new SplittableRandom(5);
        PlayerInput[] in = inputs();
        for (int t = 0; t < 200; t++) {
            randomInputs(rnd, host.tick() + 1, 2, in);
            host.step(in);
        }
        // A client world built only from "received" values ends in the host's state.
        World client = new World(12345);
        client.addPlayer(0);
        client.addPlayer(1);
        client.setTick(host.tick());
        client.restoreRandomState(host.randomState());
        for (int id = 0; id < 2; id++) {
            PlayerState h = host.playerById(id);
            client.playerById(id).restore(h.x(), h.y(), h.aim(), h.hp(), h.alive(), h.respawnTicks(),
                    h.cooldownTicks(), h.kills(), h.deaths(), h.lastInputTick());
        }
        assertThat(client.stateHash()).isEqualTo(host.stateHash());

        PlayerState p = client.playerById(0);
        p.restore(Float.NaN, 1e9f, (short) 0, 1000, true, -5, 99, -1, -1, 0);
        assertInside(p);
        assertThat(p.hp()).isEqualTo(ArenaRules.MAX_HP);
        assertThat(p.cooldownTicks()).isEqualTo(ArenaRules.FIRE_COOLDOWN_TICKS);
        assertThat(p.respawnTicks()).isZero();
        assertThat(p.kills()).isZero();
    }

    @Test
    void differentSeedsGiveDifferentSpawns() {
        World a = new World(1);
        World b = new World(2);
        for (int i = 0; i < 3; i++) {
            a.addPlayer();
            b.addPlayer();
        }
        assertThat(a.stateHash()).isNotEqualTo(b.stateHash());
    }

    private static long run(long worldSeed, long inputSeed, int players, int ticks) {
        World w = new World(worldSeed);
        for (int i = 0; i < players; i++) {
            w.addPlayer();
        }
        SplittableRandom rnd = new SplittableRandom(inputSeed);
        PlayerInput[] in = inputs();
        for (int t = 0; t < ticks; t++) {
            randomInputs(rnd, w.tick() + 1, players, in);
            w.step(in);
        }
        return w.stateHash();
    }

    private static void randomInputs(SplittableRandom rnd, int tick, int players, PlayerInput[] out) {
        for (int i = 0; i < players; i++) {
            out[i] = rnd.nextInt(10) == 0 ? null
                    : new PlayerInput(tick, (byte) rnd.nextInt(256), (byte) rnd.nextInt(256),
                            (short) rnd.nextInt(65536), rnd.nextBoolean(), (byte) 0);
        }
    }

    private static void assertInside(PlayerView p) {
        assertThat(p.x()).isBetween(PlayerMotion.PLAYER_RADIUS, PlayerMotion.ARENA_WIDTH - PlayerMotion.PLAYER_RADIUS);
        assertThat(p.y()).isBetween(PlayerMotion.PLAYER_RADIUS, PlayerMotion.ARENA_HEIGHT - PlayerMotion.PLAYER_RADIUS);
    }
}
