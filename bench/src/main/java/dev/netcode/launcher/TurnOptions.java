package dev.netcode.launcher;

import dev.netcode.webrtc.PeerConnectionConfig;
import dev.netcode.webrtc.ice.IceTransportPolicy;
import dev.netcode.webrtc.turn.TurnCredentials;
import dev.netcode.webrtc.turn.TurnServer;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --turn URI --turn-user U --turn-pass P --relay-only}, shared by commands that make peer connections. */
final class TurnOptions {
    @Option(names = "--turn", description = "TURN server turn:HOST:PORT?transport=udp|tcp (repeatable).")
    List<String> uris = new ArrayList<>();

    @Option(names = "--turn-user", description = "TURN username (static, or coturn REST form expiry:user).")
    String user;

    @Option(names = "--turn-pass", description = "TURN password.")
    String pass;

    @Option(names = "--relay-only", description = "iceTransportPolicy=relay: use TURN relay candidates only.")
    boolean relayOnly;

    /** Adds the TURN servers and policy to {@code builder}; fails fast on an incomplete combination. */
    PeerConnectionConfig.Builder apply(PeerConnectionConfig.Builder builder) {
        if (uris.isEmpty()) {
            if (relayOnly) {
                throw new IllegalArgumentException("--relay-only needs at least one --turn server");
            }
            return builder;
        }
        if (user == null || pass == null) {
            throw new IllegalArgumentException("--turn needs --turn-user and --turn-pass");
        }
        List<TurnServer> servers = new ArrayList<>();
        for (String uri : uris) {
            servers.add(TurnServer.parse(uri, TurnCredentials.of(user, pass)));
        }
        builder.turnServers(servers);
        if (relayOnly) {
            builder.iceTransportPolicy(IceTransportPolicy.RELAY);
        }
        return builder;
    }
}
