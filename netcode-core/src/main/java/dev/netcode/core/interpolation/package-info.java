/**
 * Client-side snapshot interpolation: {@link dev.netcode.core.interpolation.ClockSync} estimates the
 * server clock from RTT samples, {@link dev.netcode.core.interpolation.InterpolationTimeline} picks
 * the render time (estimated server time minus an adaptive delay, reached by time-scale nudges), and
 * {@link dev.netcode.core.interpolation.SnapshotBuffer} finds the two snapshots around it;
 * {@link dev.netcode.core.interpolation.Interpolators} blends positions, angles and rotations.
 * {@link dev.netcode.core.interpolation.SnapshotInterpolator} bundles the three with an injectable
 * {@link dev.netcode.core.interpolation.TimeSource}.
 *
 * <p>Guarantees, for entities whose speed is bounded: render time never passes the newest snapshot by
 * more than half a send interval (so the snap when data resumes is below half an interval's motion),
 * and no frame advances it by more than one frame plus half a send interval (so a catch-up after a
 * stall never moves an entity more than one send interval's motion beyond its normal step). A frame
 * whose render time is past the newest snapshot is a hitch, and is counted as one
 * ({@code SnapshotInterpolator.underruns()}) even when extrapolation draws something plausible; frames
 * slowed because a snapshot was overdue are counted separately ({@code slowedFrames()}).
 */
package dev.netcode.core.interpolation;
