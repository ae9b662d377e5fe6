package dev.netcode.sample.bot;

import dev.netcode.sample.sim.ArenaRules;
import dev.netcode.sample.sim.ArenaView;
import dev.netcode.sample.sim.DeterministicRandom;
import dev.netcode.sample.sim.Obstacles;
import dev.netcode.sample.sim.PlayerInput;
import dev.netcode.sample.sim.PlayerMotion;
import dev.netcode.sample.sim.PlayerView;

/**
 * A simple arena AI: it wanders between random waypoints, chases the nearest living enemy it can
 * see, keeps a fighting distance while strafing, turns its aim at a limited rate with a little
 * noise, and fires when its aim is close enough to the target.
 *
 * <p>It only reads an {@link ArenaView}, so the same brain drives an in-process bot on the host
 * (reading the authoritative world) and a networked bot client (reading its interpolated view).
 * One instance per bot; all randomness comes from the seed, so a bot run is reproducible.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Call {@link #think} once per simulation tick: turn rate and timers count ticks.</li>
 *   <li>The brain keeps its own aim; it does not read back the world's aim of its player.</li>
 * </ul>
 */
public final class BotBrain {
    /** Enemies farther than this are ignored (wander instead). */
    public static final float SIGHT_RANGE = 26f;
    private static final float PREFERRED_MIN_DISTANCE = 5f;
    private static final float PREFERRED_MAX_DISTANCE = 10f;
    private static final float TURN_RADIANS_PER_TICK = 7f * ArenaRules.TICK_SECONDS;
    private static final float FIRE_ALIGNMENT_RADIANS = 0.06f;
    private static final float AIM_NOISE_RADIANS = 0.05f;
    private static final int WAYPOINT_TIMEOUT_TICKS = 4 * ArenaRules.TICK_RATE_HZ;
    private static final int STRAFE_SWITCH_TICKS = ArenaRules.TICK_RATE_HZ;

    private final int selfId;
    private final DeterministicRandom random;
    private float aimRadians;
    private float waypointX = -1f;
    private float waypointY;
    private int waypointAgeTicks;
    private int strafeSign = 1;
    private int strafeAgeTicks;

    public BotBrain(int selfId, long seed) {
        this.selfId = selfId;
        this.random = new DeterministicRandom(seed);
    }

    public int selfId() {
        return selfId;
    }

    /** Decides this tick's input. Returns an idle input while the bot's player is dead or absent. */
    public PlayerInput think(ArenaView view, int tick) {
        PlayerView self = view.findPlayer(selfId);
        if (self == null || !self.alive()) {
            waypointX = -1f;
            return PlayerInput.idle(tick, PlayerInput.quantizeAim(aimRadians));
        }
        PlayerView target = nearestEnemy(view, self);
        float moveX;
        float moveY;
        boolean fire = false;
        if (target == null) {
            float[] dir = wander(self);
            moveX = dir[0];
            moveY = dir[1];
            turnTowards((float) StrictMath.atan2(moveY, moveX));
        } else {
            float dx = target.x() - self.x();
            float dy = target.y() - self.y();
            float dist = (float) StrictMath.sqrt(dx * dx + dy * dy);
            float ux = dist > 0f ? dx / dist : 1f;
            float uy = dist > 0f ? dy / dist : 0f;
            if (++strafeAgeTicks >= STRAFE_SWITCH_TICKS) {
                strafeAgeTicks = 0;
                strafeSign = random.nextBoolean() ? 1 : -1;
            }
            float approach = dist > PREFERRED_MAX_DISTANCE ? 1f : (dist < PREFERRED_MIN_DISTANCE ? -1f : 0f);
            moveX = ux * approach - uy * strafeSign * 0.7f;
            moveY = uy * approach + ux * strafeSign * 0.7f;
            float desired = (float) StrictMath.atan2(dy, dx) + (random.nextFloat() * 2f - 1f) * AIM_NOISE_RADIANS;
            turnTowards(desired);
            float error = Math.abs(angleDifference(desired, aimRadians));
            // Only with a line of sight: shooting a wall wastes the cooldown.
            fire = error < FIRE_ALIGNMENT_RADIANS && dist < ArenaRules.SHOT_RANGE
                    && Obstacles.rayDistance(self.x(), self.y(), ux, uy, dist) >= dist - PlayerMotion.PLAYER_RADIUS;
        }
        return PlayerInput.of(tick, moveX, moveY, aimRadians, fire);
    }

    private PlayerView nearestEnemy(ArenaView view, PlayerView self) {
        PlayerView best = null;
        float bestD2 = SIGHT_RANGE * SIGHT_RANGE;
        for (int i = 0, n = view.playerCount(); i < n; i++) {
            PlayerView p = view.player(i);
            if (p.id() == selfId || !p.alive()) {
                continue;
            }
            float dx = p.x() - self.x();
            float dy = p.y() - self.y();
            float d2 = dx * dx + dy * dy;
            if (d2 < bestD2) {
                bestD2 = d2;
                best = p;
            }
        }
        return best;
    }

    private final float[] wanderDir = new float[2];

    private float[] wander(PlayerView self) {
        float dx = waypointX - self.x();
        float dy = waypointY - self.y();
        if (waypointX < 0f || dx * dx + dy * dy < 1f || ++waypointAgeTicks > WAYPOINT_TIMEOUT_TICKS) {
            float margin = 2f;
            int tries = 0;
            do {
                waypointX = margin + random.nextFloat() * (PlayerMotion.ARENA_WIDTH - 2 * margin);
                waypointY = margin + random.nextFloat() * (PlayerMotion.ARENA_HEIGHT - 2 * margin);
            } while (Obstacles.overlaps(waypointX, waypointY, 1f) && ++tries < 8);
            waypointAgeTicks = 0;
            dx = waypointX - self.x();
            dy = waypointY - self.y();
        }
        float len = (float) StrictMath.sqrt(dx * dx + dy * dy);
        wanderDir[0] = len > 0f ? dx / len : 0f;
        wanderDir[1] = len > 0f ? dy / len : 0f;
        return wanderDir;
    }

    private void turnTowards(float desired) {
        float diff = angleDifference(desired, aimRadians);
        if (diff > TURN_RADIANS_PER_TICK) {
            diff = TURN_RADIANS_PER_TICK;
        } else if (diff < -TURN_RADIANS_PER_TICK) {
            diff = -TURN_RADIANS_PER_TICK;
        }
        aimRadians = wrap(aimRadians + diff);
    }

    /** a - b wrapped to (-pi, pi]. */
    static float angleDifference(float a, float b) {
        return wrap(a - b);
    }

    private static float wrap(float angle) {
        float twoPi = (float) (2 * Math.PI);
        float r = angle % twoPi;
        if (r > Math.PI) {
            r -= twoPi;
        } else if (r <= -Math.PI) {
            r += twoPi;
        }
        return r;
    }
}
