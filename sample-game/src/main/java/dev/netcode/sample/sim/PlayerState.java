package dev.netcode.sample.sim;

/**
 * The authoritative state of one player, mutable so the world steps without allocating.
 * {@link #set} copies another state, which is what a predicting client needs to rewind to a
 * snapshot before replaying its unacknowledged inputs.
 */
public final class PlayerState implements PlayerView {
    private final int id;
    final float[] position = new float[2];
    short aim;
    int hp;
    boolean alive;
    int respawnTicks;
    int cooldownTicks;
    int kills;
    int deaths;
    int lastInputTick = -1;

    public PlayerState(int id) {
        this.id = id;
    }

    public void set(PlayerState other) {
        if (other.id != id) {
            throw new IllegalArgumentException("copying player " + other.id + " into " + id);
        }
        position[0] = other.position[0];
        position[1] = other.position[1];
        aim = other.aim;
        hp = other.hp;
        alive = other.alive;
        respawnTicks = other.respawnTicks;
        cooldownTicks = other.cooldownTicks;
        kills = other.kills;
        deaths = other.deaths;
        lastInputTick = other.lastInputTick;
    }

    /**
     * Overwrites every field from received authoritative values (a client applying a snapshot
     * before replaying its unacknowledged inputs). Values come from the network: they are
     * clamped into their valid ranges rather than trusted.
     */
    public void restore(float x, float y, short aim, int hp, boolean alive, int respawnTicks, int cooldownTicks,
                        int kills, int deaths, int lastInputTick) {
        position[0] = Float.isNaN(x) ? PlayerMotion.PLAYER_RADIUS
                : PlayerMotion.clamp(x, PlayerMotion.PLAYER_RADIUS, PlayerMotion.ARENA_WIDTH - PlayerMotion.PLAYER_RADIUS);
        position[1] = Float.isNaN(y) ? PlayerMotion.PLAYER_RADIUS
                : PlayerMotion.clamp(y, PlayerMotion.PLAYER_RADIUS, PlayerMotion.ARENA_HEIGHT - PlayerMotion.PLAYER_RADIUS);
        this.aim = aim;
        this.hp = Math.max(0, Math.min(hp, ArenaRules.MAX_HP));
        this.alive = alive && this.hp > 0;
        this.respawnTicks = Math.max(0, Math.min(respawnTicks, ArenaRules.RESPAWN_TICKS));
        this.cooldownTicks = Math.max(0, Math.min(cooldownTicks, ArenaRules.FIRE_COOLDOWN_TICKS));
        this.kills = Math.max(0, kills);
        this.deaths = Math.max(0, deaths);
        this.lastInputTick = lastInputTick;
    }

    /**
     * Applies the movement and aim part of an input: the deterministic step a predicting client
     * replays for its own player. Dead players do not move.
     */
    public void applyMovement(PlayerInput input) {
        if (!alive) {
            return;
        }
        PlayerMotion.step(position, input.moveXAxis(), input.moveYAxis(), ArenaRules.TICK_SECONDS);
        aim = input.aim();
        lastInputTick = input.tick();
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public float x() {
        return position[0];
    }

    @Override
    public float y() {
        return position[1];
    }

    public void setPosition(float x, float y) {
        position[0] = x;
        position[1] = y;
    }

    public short aim() {
        return aim;
    }

    @Override
    public float aimRadians() {
        return PlayerInput.aimToRadians(aim);
    }

    @Override
    public int hp() {
        return hp;
    }

    @Override
    public boolean alive() {
        return alive;
    }

    /** Ticks until respawn while dead, else 0. */
    public int respawnTicks() {
        return respawnTicks;
    }

    /** Ticks until this player may fire again. */
    public int cooldownTicks() {
        return cooldownTicks;
    }

    @Override
    public int kills() {
        return kills;
    }

    @Override
    public int deaths() {
        return deaths;
    }

    /** Tick of the last input applied, or -1: what a snapshot acknowledges to the client. */
    public int lastInputTick() {
        return lastInputTick;
    }

    @Override
    public String toString() {
        return "Player[" + id + " at " + position[0] + "," + position[1] + " hp=" + hp
                + (alive ? "" : " dead") + " k/d=" + kills + "/" + deaths + "]";
    }
}
