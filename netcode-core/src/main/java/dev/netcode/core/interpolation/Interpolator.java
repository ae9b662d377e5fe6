package dev.netcode.core.interpolation;

/**
 * Blends two values of a game type, for the cases {@link Interpolators} does not cover (a colour, a
 * health bar, a whole custom struct).
 *
 * @param <T> the value type
 */
@FunctionalInterface
public interface Interpolator<T> {
    /**
     * @param alpha 0 gives {@code from}, 1 gives {@code to}; values above 1 extrapolate
     */
    T interpolate(T from, T to, double alpha);
}
