package dev.netcode.core.interpolation;

import java.util.Objects;

/**
 * Client-side snapshot interpolation in one object: a {@link SnapshotBuffer}, an
 * {@link InterpolationTimeline} and a {@link ClockSync}, driven by an injectable {@link TimeSource}.
 *
 * <pre>{@code
 * ClockSync clock = new ClockSync();
 * SnapshotInterpolator<Snapshot> interp = new SnapshotInterpolator<>(clock, InterpolationConfig.DEFAULT, TimeSource.SYSTEM);
 * // network: pong → clock.addSample(t0, serverTime, t1); snapshot → interp.onSnapshot(serverTimeNs, view)
 * // each rendered frame:
 * SnapshotBuffer.Sample<Snapshot> s = interp.update();
 * if (s != null) { x = Interpolators.linear(xOf(s.from), xOf(s.to), s.alpha); }
 * }</pre>
 *
 * <p>{@link #underruns()} counts frames where render time was past the newest snapshot (the buffer
 * ran dry and the frame extrapolated or held); {@link #heldFrames()} those where even the bounded
 * extrapolation (at most half a send interval, {@link InterpolationTimeline#extrapolationLimitNs()}) was used
 * up and the picture froze; {@link #slowedFrames()} those where render time was slowed because a
 * snapshot was overdue.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Not thread-safe: if snapshots are decoded on a network thread, hand them to the game thread
 *       first (keep the arrival time taken on the network thread).</li>
 *   <li>{@link #update()} returns {@code null} until the first snapshot.</li>
 *   <li>Snapshots are released once render time has passed them. While render time is far behind
 *       (catching up after a stall, or {@link #update()} not called for a while) up to
 *       {@value #BUFFER_CAPACITY} are held; beyond that the oldest are dropped and the picture jumps.</li>
 * </ul>
 *
 * @param <T> the snapshot type
 */
public final class SnapshotInterpolator<T> {
    /**
     * Snapshots kept: after a stall render time catches up through everything received since, so the
     * buffer must span the catch-up (a 2 s stall at 60 Hz is 120 snapshots behind, plus what arrives
     * while catching up); dropping the snapshot render time is at would make the picture jump.
     */
    static final int BUFFER_CAPACITY = 1024;
    private final InterpolationTimeline timeline;
    private final SnapshotBuffer<T> buffer;
    private final TimeSource time;
    private final InterpolationConfig config;
    private final SnapshotBuffer.Sample<T> sample = new SnapshotBuffer.Sample<>();
    private long underruns;
    private long heldFrames;
    private long frames;
    private long slowedFrames;
    private double minTimeScale = 1.0;

    public SnapshotInterpolator(ClockSync clock, InterpolationConfig config, TimeSource time) {
        this.config = Objects.requireNonNull(config, "config");
        this.timeline = new InterpolationTimeline(clock, config);
        this.buffer = new SnapshotBuffer<>(BUFFER_CAPACITY);
        this.time = Objects.requireNonNull(time, "time");
    }

    /** A snapshot stamped with server time {@code serverTimeNs} arrived now. */
    public void onSnapshot(long serverTimeNs, T snapshot) {
        onSnapshot(serverTimeNs, snapshot, time.nanoTime());
    }

    public void onSnapshot(long serverTimeNs, T snapshot, long arrivalNs) {
        timeline.onSnapshot(serverTimeNs, arrivalNs);
        buffer.add(serverTimeNs, snapshot);
    }

    /** Advances the render clock to now and samples the buffer; once per frame. */
    public SnapshotBuffer.Sample<T> update() {
        long render = timeline.advance(time.nanoTime());
        long extrapolationNs = timeline.extrapolationLimitNs();
        if (render == Long.MIN_VALUE || !buffer.sample(render, extrapolationNs, sample)) {
            return null;
        }
        frames++;
        long newest = buffer.newestTimeNs();
        if (render > newest) {
            underruns++;
            if (render >= newest + extrapolationNs) {
                heldFrames++;
            }
        }
        if (timeline.timeScale() < 1.0 - config.maxNudge() - 1e-9) {
            slowedFrames++;
        }
        minTimeScale = Math.min(minTimeScale, timeline.timeScale());
        return sample;
    }

    public InterpolationTimeline timeline() {
        return timeline;
    }

    public long underruns() {
        return underruns;
    }

    /**
     * Frames where render time had reached the extrapolation limit: the picture froze. A subset of
     * {@link #underruns()}, which also counts frames bridged by (bounded) extrapolation.
     */
    public long heldFrames() {
        return heldFrames;
    }

    /**
     * Frames where render time ran slower than the ordinary nudge allows because a snapshot was
     * overdue (see {@link InterpolationTimeline}): not hitches (there was data to interpolate), but
     * briefly slowed motion, reported so that a smooth-looking run is not mistaken for a perfect one.
     */
    public long slowedFrames() {
        return slowedFrames;
    }

    /** The slowest time scale any frame used so far (1.0 when never slowed). */
    public double minTimeScale() {
        return minTimeScale;
    }

    public long frames() {
        return frames;
    }
}
