/**
 * Client-side snapshot interpolation: {@link dev.netcode.core.interpolation.ClockSync} estimates the
 * server clock from RTT samples, {@link dev.netcode.core.interpolation.InterpolationTimeline} picks
 * the render time (estimated server time minus an adaptive delay, reached by time-scale nudges), and
 * {@link dev.netcode.core.interpolation.SnapshotBuffer} finds the two snapshots around it;
 * {@link dev.netcode.core.interpolation.Interpolators} blends positions, angles and rotations.
 * {@link dev.netcode.core.interpolation.SnapshotInterpolator} bundles the three with an injectable
 * {@link dev.netcode.core.interpolation.TimeSource}.
 */
package dev.netcode.core.interpolation;
