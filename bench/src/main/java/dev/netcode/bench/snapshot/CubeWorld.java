package dev.netcode.bench.snapshot;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The scene of Gaffer on Games' "Snapshot Compression": 900 cubes in a 30 × 30 grid on a plane and
 * one player cube that roams between seeded random waypoints and pushes cubes aside.
 *
 * <p>Physics is deliberately simple and fully deterministic for a seed: cubes are discs of radius
 * 0.5 m on the plane; the player (radius 1 m) shoves overlapping cubes out and gives them its normal
 * speed; cubes separate from each other and exchange normal velocity (restitution 0.3), so pushes
 * ripple a little through the grid; sliding friction brings every cube to rest within about a
 * second, after which its state no longer changes. A sliding cube tumbles about the horizontal axis
 * perpendicular to its motion, so orientation changes with position.
 */
final class CubeWorld {
    static final int GRID = 30;
    static final int CUBES = GRID * GRID + 1; // the last one is the player
    static final int PLAYER = CUBES - 1;
    static final double SPACING = 1.6;
    static final double HALF_EXTENT = 58.0;
    private static final double PLAYER_RADIUS = 1.5;
    private static final double CUBE_RADIUS = 0.5;
    private static final double PLAYER_SPEED = 7.0;
    private static final double FRICTION = 2.0; // m/s² of deceleration while sliding
    private static final double REST_SPEED = 0.05;
    private static final double RESTITUTION = 0.3;
    private static final double INTERACT_RADIUS = 3.0;

    final double[] x = new double[CUBES];
    final double[] y = new double[CUBES];
    final double[] z = new double[CUBES];
    final double[] vx = new double[CUBES];
    final double[] vy = new double[CUBES];
    /** Orientation quaternions (x, y, z, w) per cube. */
    final double[] q = new double[CUBES * 4];
    final boolean[] interacting = new boolean[CUBES];
    private final SplittableRandom random;
    private double waypointX;
    private double waypointY;
    private final int[] cellHead;
    private final int[] cellNext = new int[CUBES];
    private static final double CELL = 2.0;
    private static final int CELLS = (int) Math.ceil(2 * HALF_EXTENT / CELL) + 2;

    CubeWorld(long seed) {
        random = new SplittableRandom(seed);
        for (int i = 0; i < GRID * GRID; i++) {
            x[i] = (i % GRID - (GRID - 1) / 2.0) * SPACING;
            y[i] = (i / GRID - (GRID - 1) / 2.0) * SPACING;
            z[i] = CUBE_RADIUS;
            q[i * 4 + 3] = 1;
        }
        x[PLAYER] = -HALF_EXTENT + 2;
        y[PLAYER] = -HALF_EXTENT + 2;
        z[PLAYER] = PLAYER_RADIUS;
        q[PLAYER * 4 + 3] = 1;
        cellHead = new int[CELLS * CELLS];
        pickWaypoint();
    }

    private void pickWaypoint() {
        double span = (GRID - 1) / 2.0 * SPACING + 2;
        waypointX = random.nextDouble(-span, span);
        waypointY = random.nextDouble(-span, span);
    }

    /** Advances the world by {@code dt} seconds. */
    void step(double dt) {
        movePlayer(dt);
        for (int i = 0; i < PLAYER; i++) {
            double speed = Math.hypot(vx[i], vy[i]);
            if (speed == 0) {
                continue;
            }
            double slowed = speed - FRICTION * dt;
            if (slowed < REST_SPEED) {
                vx[i] = 0;
                vy[i] = 0;
                continue;
            }
            vx[i] *= slowed / speed;
            vy[i] *= slowed / speed;
            x[i] = clamp(x[i] + vx[i] * dt);
            y[i] = clamp(y[i] + vy[i] * dt);
            tumble(i, vx[i], vy[i], CUBE_RADIUS, dt);
        }
        collide();
        for (int i = 0; i < PLAYER; i++) {
            interacting[i] = Math.hypot(x[i] - x[PLAYER], y[i] - y[PLAYER]) < INTERACT_RADIUS;
        }
    }

    private void movePlayer(double dt) {
        double dx = waypointX - x[PLAYER];
        double dy = waypointY - y[PLAYER];
        double d = Math.hypot(dx, dy);
        if (d < 0.5) {
            pickWaypoint();
            return;
        }
        vx[PLAYER] = dx / d * PLAYER_SPEED;
        vy[PLAYER] = dy / d * PLAYER_SPEED;
        x[PLAYER] += vx[PLAYER] * dt;
        y[PLAYER] += vy[PLAYER] * dt;
        tumble(PLAYER, vx[PLAYER], vy[PLAYER], PLAYER_RADIUS, dt);
    }

    /** Rolls cube {@code i} about the horizontal axis perpendicular to its velocity. */
    private void tumble(int i, double velX, double velY, double radius, double dt) {
        double speed = Math.hypot(velX, velY);
        double angle = speed / radius * dt;
        double ax = -velY / speed;
        double ay = velX / speed;
        double s = Math.sin(angle / 2);
        double rx = ax * s;
        double ry = ay * s;
        double rw = Math.cos(angle / 2);
        int o = i * 4;
        double qx = q[o];
        double qy = q[o + 1];
        double qz = q[o + 2];
        double qw = q[o + 3];
        // r * q (rotation r applied after q); rz = 0
        double nx = rw * qx + rx * qw + ry * qz;
        double ny = rw * qy - rx * qz + ry * qw;
        double nz = rw * qz + rx * qy - ry * qx;
        double nw = rw * qw - rx * qx - ry * qy;
        double n = Math.sqrt(nx * nx + ny * ny + nz * nz + nw * nw);
        q[o] = nx / n;
        q[o + 1] = ny / n;
        q[o + 2] = nz / n;
        q[o + 3] = nw / n;
    }

    private void collide() {
        Arrays.fill(cellHead, -1);
        for (int i = 0; i < PLAYER; i++) {
            int c = cell(x[i], y[i]);
            cellNext[i] = cellHead[c];
            cellHead[c] = i;
        }
        // Player pushes cubes out of its body and carries them along.
        forNeighbours(PLAYER, PLAYER_RADIUS + CUBE_RADIUS, (i, nx, ny, overlap) -> {
            x[i] = clamp(x[i] + nx * overlap);
            y[i] = clamp(y[i] + ny * overlap);
            double vn = vx[i] * nx + vy[i] * ny;
            double pn = vx[PLAYER] * nx + vy[PLAYER] * ny;
            if (vn < pn) {
                vx[i] += (pn - vn) * nx;
                vy[i] += (pn - vn) * ny;
            }
        });
        // Moving cubes shove the cubes they touch.
        for (int i = 0; i < PLAYER; i++) {
            if (vx[i] == 0 && vy[i] == 0) {
                continue;
            }
            final int a = i;
            forNeighbours(a, 2 * CUBE_RADIUS, (b, nx, ny, overlap) -> {
                if (b == a) {
                    return;
                }
                x[a] = clamp(x[a] - nx * overlap / 2);
                y[a] = clamp(y[a] - ny * overlap / 2);
                x[b] = clamp(x[b] + nx * overlap / 2);
                y[b] = clamp(y[b] + ny * overlap / 2);
                double rel = (vx[a] - vx[b]) * nx + (vy[a] - vy[b]) * ny;
                if (rel > 0) {
                    double impulse = (1 + RESTITUTION) / 2 * rel;
                    vx[a] -= impulse * nx;
                    vy[a] -= impulse * ny;
                    vx[b] += impulse * nx;
                    vy[b] += impulse * ny;
                }
            });
        }
    }

    interface Contact {
        void touch(int other, double nx, double ny, double overlap);
    }

    private void forNeighbours(int i, double reach, Contact contact) {
        int cx = cellCoord(x[i]);
        int cy = cellCoord(y[i]);
        int span = (int) Math.ceil(reach / CELL);
        for (int gy = Math.max(0, cy - span); gy <= Math.min(CELLS - 1, cy + span); gy++) {
            for (int gx = Math.max(0, cx - span); gx <= Math.min(CELLS - 1, cx + span); gx++) {
                for (int j = cellHead[gy * CELLS + gx]; j >= 0; j = cellNext[j]) {
                    if (j == i) {
                        continue;
                    }
                    double dx = x[j] - x[i];
                    double dy = y[j] - y[i];
                    double d = Math.hypot(dx, dy);
                    if (d < reach) {
                        double nx = d > 1e-9 ? dx / d : 1;
                        double ny = d > 1e-9 ? dy / d : 0;
                        contact.touch(j, nx, ny, reach - d);
                    }
                }
            }
        }
    }

    private static int cellCoord(double v) {
        return Math.max(0, Math.min(CELLS - 1, (int) Math.floor((v + HALF_EXTENT) / CELL) + 1));
    }

    private static int cell(double px, double py) {
        return cellCoord(py) * CELLS + cellCoord(px);
    }

    private static double clamp(double v) {
        return Math.max(-HALF_EXTENT, Math.min(HALF_EXTENT, v));
    }

    /** Cubes (not counting the player) with a non-zero velocity. */
    int movingCubes() {
        int n = 0;
        for (int i = 0; i < PLAYER; i++) {
            if (vx[i] != 0 || vy[i] != 0) {
                n++;
            }
        }
        return n;
    }
}
