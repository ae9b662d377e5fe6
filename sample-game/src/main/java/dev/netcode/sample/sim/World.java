package dev.netcode.sample.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The arena simulation, stepped at a fixed tick ({@link ArenaRules#TICK_RATE_HZ}). The same class
 * runs on the dedicated host (authoritative), on a client (prediction, replaying inputs from a
 * snapshot) and in tests with bots.
 *
 * <h2>Usage</h2>
 * <pre>{@code
 * World world = new World(seed);
 * int me = world.addPlayer();
 * PlayerInput[] inputs = new PlayerInput[ArenaRules.MAX_PLAYERS];
 * inputs[me] = PlayerInput.of(world.tick() + 1, 1f, 0f, 0f, true);
 * world.step(inputs);                 // one tick
 * long hash = world.stateHash();      // compare host and client, or two replays
 * }</pre>
 *
 * <h2>One tick, in this order</h2>
 * <ol>
 *   <li>dead players count down and respawn at a spawn point drawn from the world's seeded random;</li>
 *   <li>living players move and turn ({@link PlayerState#applyMovement}), cooldowns count down;</li>
 *   <li>every living player with fire held and no cooldown traces a hitscan ray, stopped by the
 *       first wall, against the {@link HitTargets} its {@link HitTargetSource} supplies (current
 *       positions by default);</li>
 *   <li>all damage is applied at once, so two players who shoot each other in the same tick both
 *       take damage (trades are possible and slot order does not matter).</li>
 * </ol>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Determinism: same seed, same players added in the same order, same inputs → same
 *       {@link #stateHash()}. Anything that draws from {@link #random()} outside {@link #step}
 *       breaks this.</li>
 *   <li>A missing input (null) means "stand still, keep aim, don't fire" — the networking decides
 *       whether to repeat the last input instead before calling step.</li>
 *   <li>Not thread-safe: step and read it on one thread (the game thread).</li>
 * </ul>
 */
public final class World implements ArenaView {
    /** Supplies the positions a shooter's shot is judged against; the host's lag compensation hook. */
    @FunctionalInterface
    public interface HitTargetSource {
        /**
         * @param shooterId the player firing
         * @param input the input that fired (its tick tells which view the shooter had)
         * @param current the world's current positions, the default answer
         */
        HitTargets targetsFor(int shooterId, PlayerInput input, HitTargets current);
    }

    private final PlayerState[] slots = new PlayerState[ArenaRules.MAX_PLAYERS];
    private final PlayerState[] present = new PlayerState[ArenaRules.MAX_PLAYERS];
    private int presentCount;
    private final DeterministicRandom random;
    private final HitScan hitScan = new HitScan();
    private final int[] pendingDamage = new int[ArenaRules.MAX_PLAYERS];
    private final int[] lastAttacker = new int[ArenaRules.MAX_PLAYERS];
    private final List<ShotEvent> shots = new ArrayList<>();
    private final List<ShotEvent> shotsView = Collections.unmodifiableList(shots);
    private final HitTargets currentTargets = new CurrentTargets();
    private HitTargetSource hitTargetSource = (shooter, input, current) -> current;
    private int tick;

    public World(long seed) {
        this.random = new DeterministicRandom(seed);
    }

    /** Installs the lag-compensation hook; the default judges against current positions. */
    public void setHitTargetSource(HitTargetSource source) {
        this.hitTargetSource = source == null ? (shooter, input, current) -> current : source;
    }

    /** Adds a player in the lowest free slot and spawns it. @return its id (= slot) */
    public int addPlayer() {
        for (int id = 0; id < slots.length; id++) {
            if (slots[id] == null) {
                addPlayer(id);
                return id;
            }
        }
        throw new IllegalStateException("arena full: " + ArenaRules.MAX_PLAYERS + " players");
    }

    /** Adds a player with a given id (a client mirroring the host's ids) and spawns it. */
    public PlayerState addPlayer(int id) {
        if (id < 0 || id >= slots.length || slots[id] != null) {
            throw new IllegalArgumentException("player id unavailable: " + id);
        }
        PlayerState p = new PlayerState(id);
        slots[id] = p;
        rebuildPresent();
        spawn(p);
        return p;
    }

    public void removePlayer(int id) {
        if (id >= 0 && id < slots.length && slots[id] != null) {
            slots[id] = null;
            rebuildPresent();
        }
    }

    private void rebuildPresent() {
        presentCount = 0;
        for (PlayerState p : slots) {
            if (p != null) {
                present[presentCount++] = p;
            }
        }
    }

    /**
     * Advances one tick.
     *
     * @param inputsBySlot input per player id (index = id); null entries or a short array mean no input
     */
    public void step(PlayerInput[] inputsBySlot) {
        tick++;
        shots.clear();
        for (int i = 0; i < presentCount; i++) {
            PlayerState p = present[i];
            if (!p.alive) {
                if (--p.respawnTicks <= 0) {
                    spawn(p);
                }
                continue;
            }
            PlayerInput in = inputOf(inputsBySlot, p.id());
            if (in != null) {
                p.applyMovement(in);
            }
            if (p.cooldownTicks > 0) {
                p.cooldownTicks--;
            }
        }
        for (int i = 0; i < presentCount; i++) {
            pendingDamage[present[i].id()] = 0;
        }
        for (int i = 0; i < presentCount; i++) {
            PlayerState p = present[i];
            PlayerInput in = inputOf(inputsBySlot, p.id());
            if (p.alive && in != null && in.fire() && p.cooldownTicks == 0) {
                fire(p, in);
            }
        }
        for (int i = 0; i < presentCount; i++) {
            PlayerState p = present[i];
            int damage = pendingDamage[p.id()];
            if (damage == 0 || !p.alive) {
                continue;
            }
            p.hp -= damage;
            if (p.hp <= 0) {
                p.hp = 0;
                p.alive = false;
                p.deaths++;
                p.respawnTicks = ArenaRules.RESPAWN_TICKS;
                PlayerState killer = slots[lastAttacker[p.id()]];
                if (killer != null && killer != p) {
                    killer.kills++;
                }
            }
        }
    }

    private static PlayerInput inputOf(PlayerInput[] inputs, int id) {
        return inputs != null && id < inputs.length ? inputs[id] : null;
    }

    private void fire(PlayerState p, PlayerInput in) {
        p.cooldownTicks = ArenaRules.FIRE_COOLDOWN_TICKS;
        double angle = PlayerInput.aimToRadians(in.aim());
        float dx = (float) StrictMath.cos(angle);
        float dy = (float) StrictMath.sin(angle);
        HitTargets targets = hitTargetSource.targetsFor(p.id(), in, currentTargets);
        // Walls are static, so the range is cut at the first wall before judging players.
        float range = Obstacles.rayDistance(p.x(), p.y(), dx, dy, ArenaRules.SHOT_RANGE);
        boolean hit = hitScan.trace(p.x(), p.y(), dx, dy, range,
                PlayerMotion.PLAYER_RADIUS, p.id(), targets);
        float dist = hitScan.hitDistance();
        int target = hitScan.hitId();
        if (hit && target < slots.length && slots[target] != null) {
            pendingDamage[target] += ArenaRules.SHOT_DAMAGE;
            lastAttacker[target] = p.id();
        } else {
            target = -1;
        }
        shots.add(new ShotEvent(tick, p.id(), p.x(), p.y(), p.x() + dx * dist, p.y() + dy * dist, target));
    }

    private void spawn(PlayerState p) {
        int count = ArenaRules.spawnPointCount();
        int start = random.nextInt(count);
        int chosen = start;
        // Prefer the first point (from a random start) that is clear of living players.
        for (int k = 0; k < count; k++) {
            int idx = (start + k) % count;
            if (clearOfPlayers(ArenaRules.spawnX(idx), ArenaRules.spawnY(idx), p.id())) {
                chosen = idx;
                break;
            }
        }
        p.setPosition(ArenaRules.spawnX(chosen), ArenaRules.spawnY(chosen));
        p.hp = ArenaRules.MAX_HP;
        p.alive = true;
        p.respawnTicks = 0;
        p.cooldownTicks = 0;
    }

    private boolean clearOfPlayers(float x, float y, int exceptId) {
        float min2 = ArenaRules.SPAWN_CLEARANCE * ArenaRules.SPAWN_CLEARANCE;
        for (int i = 0; i < presentCount; i++) {
            PlayerState o = present[i];
            if (o.id() == exceptId || !o.alive) {
                continue;
            }
            float dx = o.x() - x;
            float dy = o.y() - y;
            if (dx * dx + dy * dy < min2) {
                return false;
            }
        }
        return true;
    }

    /** Copies another world's complete state into this one (prediction rewind, tests). */
    public void copyFrom(World other) {
        for (int id = 0; id < slots.length; id++) {
            PlayerState theirs = other.slots[id];
            if (theirs == null) {
                slots[id] = null;
            } else {
                if (slots[id] == null) {
                    slots[id] = new PlayerState(id);
                }
                slots[id].set(theirs);
            }
        }
        rebuildPresent();
        random.setState(other.random.state());
        tick = other.tick;
        shots.clear();
        shots.addAll(other.shots);
    }

    /** Number of ticks stepped so far. */
    public int tick() {
        return tick;
    }

    /** Sets the tick counter, e.g. when a client adopts the host's tick at join. */
    public void setTick(int tick) {
        this.tick = tick;
    }

    public PlayerState playerById(int id) {
        return id >= 0 && id < slots.length ? slots[id] : null;
    }

    @Override
    public int playerCount() {
        return presentCount;
    }

    @Override
    public PlayerState player(int index) {
        if (index < 0 || index >= presentCount) {
            throw new IndexOutOfBoundsException(index);
        }
        return present[index];
    }

    @Override
    public PlayerView findPlayer(int id) {
        return playerById(id);
    }

    /** Shots fired in the last tick, read-only; replaced on the next step. */
    public List<ShotEvent> shotsThisTick() {
        return shotsView;
    }

    /** State of the world's seeded generator (spawn choices), for a full-state snapshot. */
    public long randomState() {
        return random.state();
    }

    /** Adopts the host's generator state, so a client's full-world replay spawns identically. */
    public void restoreRandomState(long state) {
        random.setState(state);
    }

    /** The seeded generator; only the world itself may draw from it, or replays diverge. */
    DeterministicRandom random() {
        return random;
    }

    /**
     * FNV-1a over the tick, the random state and every player's fields (floats by their bits):
     * equal hashes mean equal states with overwhelming probability. Host and client can compare
     * it to detect a desync.
     */
    public long stateHash() {
        long h = 0xcbf29ce484222325L;
        h = mix(h, tick);
        h = mix(h, random.state());
        for (int i = 0; i < presentCount; i++) {
            PlayerState p = present[i];
            h = mix(h, p.id());
            h = mix(h, Float.floatToIntBits(p.x()));
            h = mix(h, Float.floatToIntBits(p.y()));
            h = mix(h, p.aim);
            h = mix(h, p.hp);
            h = mix(h, p.alive ? 1 : 0);
            h = mix(h, p.respawnTicks);
            h = mix(h, p.cooldownTicks);
            h = mix(h, p.kills);
            h = mix(h, p.deaths);
            h = mix(h, p.lastInputTick);
        }
        return h;
    }

    private static long mix(long h, long value) {
        for (int i = 0; i < 8; i++) {
            h ^= (value >>> (8 * i)) & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    private final class CurrentTargets implements HitTargets {
        @Override
        public int count() {
            return presentCount;
        }

        @Override
        public int id(int index) {
            return present[index].id();
        }

        @Override
        public float x(int index) {
            return present[index].x();
        }

        @Override
        public float y(int index) {
            return present[index].y();
        }

        @Override
        public boolean alive(int index) {
            return present[index].alive;
        }
    }
}
