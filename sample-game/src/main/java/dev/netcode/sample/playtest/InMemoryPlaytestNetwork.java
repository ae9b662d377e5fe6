package dev.netcode.sample.playtest;

import dev.netcode.core.conditioner.LinkPreset;
import dev.netcode.core.transport.Transport;
import dev.netcode.core.transport.Transports;
import dev.netcode.core.transport.memory.InMemoryNetwork;
import dev.netcode.sample.net.ArenaHost;
import java.util.ArrayList;
import java.util.List;

/**
 * Host and bots in one JVM over core's in-memory transport, each bot behind the link conditioner
 * (conditioned on the bot's side only, as core recommends). No sockets: the fast path for tests.
 */
public final class InMemoryPlaytestNetwork implements PlaytestNetwork {
    private static final String ADDRESS = "playtest-arena";
    private final InMemoryNetwork network = InMemoryNetwork.builder().build();
    private final LinkPreset preset;
    private final long seed;
    private final List<Transport> opened = new ArrayList<>();

    /** @param preset conditioner preset for every bot, or null for a perfect link */
    public InMemoryPlaytestNetwork(LinkPreset preset, long seed) {
        this.preset = preset;
        this.seed = seed;
    }

    @Override
    public String transportName() {
        return "in-memory";
    }

    @Override
    public String signalingName() {
        return "none";
    }

    @Override
    public PlaytestHost startHost(long seed) {
        ArenaHost host = new ArenaHost(network.transport(), seed, "playtest-host");
        host.bind(ADDRESS);
        return new PlaytestHost(host, host::update);
    }

    @Override
    public List<BotSeat> joinBots(int count) {
        List<BotSeat> seats = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            seats.add(new BotSeat(botTransport(i), ADDRESS, null));
        }
        return seats;
    }

    private synchronized Transport botTransport(int index) {
        Transport t = preset == null ? network.transport() : Transports.conditioned(network.transport(), preset, seed + index);
        opened.add(t);
        return t;
    }

    @Override
    public synchronized void close() {
        for (Transport t : opened) {
            try {
                t.close();
            } catch (RuntimeException ignored) {
                // closing is best effort; the network below is closed anyway
            }
        }
        network.close();
    }
}
