package dev.netcode.sample.client;

import dev.netcode.core.conditioner.LinkPreset;
import dev.netcode.core.transport.Transport;
import dev.netcode.core.transport.Transports;
import dev.netcode.sample.net.ArenaClient;
import dev.netcode.sample.net.LocalMatch;

/**
 * The desktop client playing a networked match against bots hosted inside the same process
 * ({@link LocalMatch}): the player is an {@link ArenaClient} like any remote one, optionally
 * behind the link conditioner, so prediction and interpolation can be seen and felt without a
 * server. Closing the session stops the match.
 */
public final class LocalMatchSession implements GameSession {
    private final LocalMatch match;
    private final Transport transport;
    private final ArenaClient client;

    /**
     * @param preset link conditioner preset for the player's connection, or null for none
     * @param autopilotSeed seed of a bot brain that plays the local player, or -1
     */
    public LocalMatchSession(int bots, long seed, String name, LinkPreset preset, long autopilotSeed) {
        this.match = new LocalMatch(bots, seed);
        this.transport = preset == null ? match.transport() : Transports.conditioned(match.transport(), preset, seed);
        this.client = new ArenaClient(transport, LocalMatch.ADDRESS, name, null, autopilotSeed,
                preset == null ? "in-memory" : "in-memory, " + preset.cliName());
        client.connect();
    }

    @Override
    public void update(float deltaSeconds, LocalControls controls) {
        client.update(deltaSeconds, controls);
    }

    @Override
    public GameView view() {
        return client;
    }

    @Override
    public NetworkStatsSource networkStats() {
        return client;
    }

    public ArenaClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
        if (transport != match.transport()) {
            transport.close();
        }
        match.close();
    }
}
