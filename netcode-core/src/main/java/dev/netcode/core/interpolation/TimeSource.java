package dev.netcode.core.interpolation;

/**
 * A monotonic clock in nanoseconds, injectable so tests drive time by hand.
 * {@link #SYSTEM} is {@link System#nanoTime()}.
 */
@FunctionalInterface
public interface TimeSource {
    TimeSource SYSTEM = System::nanoTime;

    long nanoTime();
}
