/**
 * The headless dedicated host: {@link dev.netcode.sample.host.DedicatedHost} runs the
 * authoritative {@link dev.netcode.sample.sim.World} at the fixed tick on libGDX's headless
 * backend; {@link dev.netcode.sample.host.HostMain} starts it and stops it cleanly on SIGTERM.
 * Networking plugs in through {@link dev.netcode.sample.host.DedicatedHost.InputSource} (client
 * inputs before each tick) and {@link dev.netcode.sample.host.DedicatedHost.TickListener}
 * (snapshots and lag-compensation history after each tick).
 */
package dev.netcode.sample.host;
