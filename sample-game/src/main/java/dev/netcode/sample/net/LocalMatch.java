package dev.netcode.sample.net;

import dev.netcode.core.transport.Transport;
import dev.netcode.core.transport.memory.InMemoryNetwork;
import dev.netcode.sample.client.LocalControls;
import java.util.ArrayList;
import java.util.List;

/**
 * A dedicated host and N bot clients running inside this process over core's in-memory transport,
 * each on background {@link GameLoop}s: the desktop client's "play against bots without a server"
 * mode, and a networked match for tests. The player joins it like any other client, through
 * {@link #transport()} at {@link #ADDRESS}, so everything the player sees went through the
 * network stack (prediction, snapshots, interpolation).
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Wrap {@link #transport()} in the link conditioner to feel a bad network.</li>
 *   <li>{@link #close()} stops the loops and the network; call it when the client exits.</li>
 * </ul>
 */
public final class LocalMatch implements AutoCloseable {
    public static final String ADDRESS = "local-arena";

    private final InMemoryNetwork network = InMemoryNetwork.builder().build();
    private final ArenaHost host;
    private final List<ArenaClient> bots = new ArrayList<>();
    private final GameLoop hostLoop;
    private final GameLoop botLoop;

    public LocalMatch(int botCount, long seed) {
        host = new ArenaHost(network.transport(), seed, "local host");
        host.bind(ADDRESS);
        for (int i = 0; i < botCount; i++) {
            bots.add(new ArenaClient(network.transport(), ADDRESS, "bot-" + (i + 1), null, seed * 31 + i, "in-memory"));
        }
        hostLoop = GameLoop.start("local-host", 240, host::update);
        LocalControls none = new LocalControls();
        long[] last = {System.nanoTime()};
        botLoop = GameLoop.start("local-bots", 60, now -> {
            float dt = (now - last[0]) / 1e9f;
            last[0] = now;
            for (ArenaClient bot : bots) {
                bot.update(dt, none);
            }
        });
        botLoop.runOnLoop(() -> bots.forEach(ArenaClient::connect));
    }

    /** The transport a player connects to {@link #ADDRESS} with. */
    public Transport transport() {
        return network.transport();
    }

    /** Players joined on the host; readable from any thread. */
    public int playerCount() {
        return host.playerCount();
    }

    @Override
    public void close() {
        botLoop.stop();
        hostLoop.stop();
        bots.forEach(ArenaClient::close);
        host.close();
        network.close();
    }
}
