package dev.netcode.sample.client;

import dev.netcode.core.conditioner.LinkPreset;
import dev.netcode.core.transport.Transport;
import dev.netcode.core.transport.Transports;
import dev.netcode.sample.lobby.LobbyPlayer;
import dev.netcode.sample.net.ArenaClient;
import dev.netcode.sample.net.GameLoop;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Headless bots that join a lobby's arena exactly like players: each logs in, matchmakes, gets a
 * join token and connects to the dedicated host over WebRTC ({@link LobbyPlayer}); a bot brain
 * plays each one. All bots share one {@link GameLoop} at 60 frames/s, as if it were their render
 * loop. {@code ./netcode client --lobby URL --headless --bots N} runs them.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>{@link #start} blocks until every bot is matched (or the timeout): a lobby without a
 *       registered host in the region never matches.</li>
 *   <li>{@link #close()} disconnects the bots and closes their lobby sessions.</li>
 * </ul>
 */
public final class LobbyBots implements AutoCloseable {
    private final List<LobbyPlayer> players;
    private final List<Transport> conditioned;
    private final List<ArenaClient> clients;
    private final GameLoop loop;

    private LobbyBots(List<LobbyPlayer> players, List<Transport> conditioned, List<ArenaClient> clients, GameLoop loop) {
        this.players = players;
        this.conditioned = conditioned;
        this.clients = clients;
        this.loop = loop;
    }

    /**
     * Matchmakes {@code count} bots and starts them.
     *
     * @param preset link conditioner preset for every bot, or null
     * @throws Exception when a bot is not matched within {@code timeoutSeconds} (nothing is left open then)
     */
    public static LobbyBots start(URI lobby, int count, String namePrefix, String region, LinkPreset preset, long seed,
                                  int timeoutSeconds) throws Exception {
        List<CompletableFuture<LobbyPlayer>> joins = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            joins.add(LobbyPlayer.join(lobby, namePrefix + i, region, LobbyPlayer::defaultConfig));
        }
        try {
            CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new)).get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (Exception e) {
            for (CompletableFuture<LobbyPlayer> j : joins) {
                j.thenAccept(LobbyPlayer::close);
            }
            throw e;
        }
        List<LobbyPlayer> players = new ArrayList<>();
        List<Transport> conditioned = new ArrayList<>();
        List<ArenaClient> clients = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            LobbyPlayer p = joins.get(i).join();
            players.add(p);
            Transport t = p.transport();
            if (preset != null) {
                t = Transports.conditioned(t, preset, seed + i);
                conditioned.add(t);
            }
            clients.add(new ArenaClient(t, p.hostAddress(), namePrefix + i, p.joinToken(), seed * 31 + i,
                    preset == null ? "WebRTC" : "WebRTC, " + preset.cliName()));
        }
        LocalControls none = new LocalControls();
        long[] last = {System.nanoTime()};
        GameLoop loop = GameLoop.start("lobby-bots", 60, now -> {
            float dt = (now - last[0]) / 1e9f;
            last[0] = now;
            for (ArenaClient c : clients) {
                c.update(dt, none);
            }
        });
        loop.runOnLoop(() -> clients.forEach(ArenaClient::connect));
        return new LobbyBots(players, conditioned, clients, loop);
    }

    /** Every bot's figures (safe from any thread). */
    public List<ArenaClient.Report> reports() {
        List<ArenaClient.Report> r = new ArrayList<>();
        for (ArenaClient c : clients) {
            r.add(c.report());
        }
        return r;
    }

    @Override
    public void close() {
        loop.stop();
        clients.forEach(ArenaClient::close);
        conditioned.forEach(Transport::close);
        players.forEach(LobbyPlayer::close);
    }
}
