/** Glue between the sample and netcode-lobby: {@link dev.netcode.sample.lobby.LobbySignaling}. */
package dev.netcode.sample.lobby;
