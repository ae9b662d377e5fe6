package dev.netcode.sample.net;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thread that calls a frame function about {@code framesPerSecond} times a second with the
 * current {@link System#nanoTime()}: the "render loop" of a headless host or of a group of bots.
 * Everything the frame function touches then lives on this one thread, as netcode-core expects.
 *
 * <pre>{@code
 * GameLoop hostLoop = GameLoop.start("arena-host", 240, host::update);
 * ...
 * hostLoop.stop();      // waits for the current frame to finish
 * }</pre>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>The host's fixed tick comes from its own clock (core's FixedTimestep), so the frame rate
 *       only needs to be well above the tick rate; it is not the tick rate.</li>
 *   <li>An exception in a frame is logged and the loop goes on: one bad frame must not end a
 *       playtest. {@link #errors()} counts them.</li>
 *   <li>{@link #runOnLoop} queues work for the loop thread (to create or close objects owned by it).</li>
 * </ul>
 */
public final class GameLoop {
    private static final Logger LOG = LoggerFactory.getLogger(GameLoop.class);

    private final Thread thread;
    private final LongConsumer frame;
    private final long frameNanos;
    private final List<Runnable> tasks = new CopyOnWriteArrayList<>();
    private volatile boolean running = true;
    private volatile long errors;
    private volatile long frames;
    private volatile long stalls;
    private volatile long maxStallNs;
    /** A frame that starts this much later than planned counts as a stall (the machine, not the game). */
    public static final long STALL_NS = 100_000_000L;

    private GameLoop(String name, int framesPerSecond, LongConsumer frame) {
        if (framesPerSecond < 1 || framesPerSecond > 1000) {
            throw new IllegalArgumentException("framesPerSecond must be 1..1000: " + framesPerSecond);
        }
        this.frame = Objects.requireNonNull(frame, "frame");
        this.frameNanos = 1_000_000_000L / framesPerSecond;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    public static GameLoop start(String name, int framesPerSecond, LongConsumer frame) {
        GameLoop loop = new GameLoop(name, framesPerSecond, frame);
        loop.thread.start();
        return loop;
    }

    private void run() {
        long next = System.nanoTime();
        boolean inStall = false;
        while (running) {
            for (Runnable task : tasks) {
                tasks.remove(task);
                task.run();
            }
            long now = System.nanoTime();
            long lateNs = now - next;
            if (lateNs > STALL_NS) {
                if (!inStall) {
                    stalls++; // one event, however many late frames it takes to catch up
                    inStall = true;
                }
                maxStallNs = Math.max(maxStallNs, lateNs);
            } else {
                inStall = false;
            }
            try {
                frame.accept(now);
                frames++;
            } catch (RuntimeException e) {
                errors++;
                LOG.warn("frame failed on {}", thread.getName(), e);
            }
            next += frameNanos;
            long sleep = next - System.nanoTime();
            if (sleep > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(sleep);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } else if (sleep < -100 * frameNanos) {
                next = System.nanoTime(); // far behind (stalled machine): do not run a burst of frames
            }
        }
    }

    /** Runs {@code task} on the loop thread before its next frame. */
    public void runOnLoop(Runnable task) {
        tasks.add(task);
    }

    /** Stops the loop and waits up to 5 s for the thread to end. */
    public void stop() {
        running = false;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public long errors() {
        return errors;
    }

    public long frames() {
        return frames;
    }

    /** Frames that started more than {@link #STALL_NS} late: the thread did not get the CPU. */
    public long stalls() {
        return stalls;
    }

    public long maxStallMs() {
        return maxStallNs / 1_000_000;
    }
}
