package dev.netcode.core.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Runs update() calls on the calling thread until a condition holds, like a game loop would. */
public final class Pump {
    private Pump() {}

    public static void until(Duration timeout, BooleanSupplier condition, Runnable... updates) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Runnable u : updates) {
                u.run();
            }
            if (condition.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within " + timeout);
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /** Runs updates for a fixed time (to show that something does NOT happen). */
    public static void forDuration(Duration duration, Runnable... updates) {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            for (Runnable u : updates) {
                u.run();
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
