package dev.netcode.sample.sim;

/**
 * The positions a shot is tested against. The world passes current positions by default; the
 * host will pass positions rewound to the shooter's view time (lag compensation) by installing a
 * {@link World.HitTargetSource}.
 *
 * <p>Indexed access so an implementation can be a flyweight over arrays of historic positions.
 */
public interface HitTargets {
    int count();

    int id(int index);

    float x(int index);

    float y(int index);

    /** Dead targets are never hit. */
    boolean alive(int index);
}
