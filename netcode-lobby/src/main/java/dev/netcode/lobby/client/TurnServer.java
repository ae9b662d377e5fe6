package dev.netcode.lobby.client;

import java.util.List;

/** TURN credentials for an ICE server entry (coturn REST-API form, valid {@code ttlSeconds}). */
public record TurnServer(String username, String password, long ttlSeconds, List<String> uris) {}
