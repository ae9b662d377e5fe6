/**
 * The engine of {@code ./netcode playtest}: {@link dev.netcode.sample.playtest.Playtest} runs a
 * dedicated host and bot clients over a {@link dev.netcode.sample.playtest.PlaytestNetwork}
 * (in-memory, WebRTC with in-process signaling, or WebRTC signaled through an embedded lobby),
 * {@link dev.netcode.sample.playtest.PlaytestResult} judges the run and
 * {@link dev.netcode.sample.playtest.PlaytestReport} writes the table, {@code report.json} and
 * PNG charts.
 */
package dev.netcode.sample.playtest;
