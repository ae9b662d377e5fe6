/**
 * {@code ./netcode bench lobby}: a WebSocket session load test of the lobby. {@link
 * dev.netcode.bench.lobby.LobbyLoadBench} runs the lobby in a child JVM ({@link
 * dev.netcode.bench.lobby.LobbyBenchServer}) and drives it with a Netty WebSocket client that holds
 * every session on one shared event-loop group; the result is one line of JSON.
 */
package dev.netcode.bench.lobby;
