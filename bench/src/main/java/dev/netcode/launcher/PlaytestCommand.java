package dev.netcode.launcher;

import dev.netcode.core.Channel;
import dev.netcode.core.Connection;
import dev.netcode.core.ConnectionStats;
import dev.netcode.core.DisconnectReason;
import dev.netcode.core.MessageRegistry;
import dev.netcode.core.NetClient;
import dev.netcode.core.NetConfig;
import dev.netcode.core.NetListener;
import dev.netcode.core.NetServer;
import dev.netcode.core.conditioner.ConditionedTransport;
import dev.netcode.core.conditioner.LinkPreset;
import dev.netcode.core.transport.Transports;
import dev.netcode.core.transport.memory.InMemoryNetwork;
import dev.netcode.sample.sim.PlayerMotion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./netcode playtest}: the README's main job.
 *
 * <p>Until the WebRTC transport and the sample game exist it runs the most end-to-end thing that
 * does, and says so plainly: a {@link NetServer} and N bot {@link NetClient}s in one JVM over the
 * in-memory transport, each bot behind the link conditioner, moving with the sample game's
 * {@link PlayerMotion} rule and using all three channels.
 */
@Command(name = "playtest", mixinStandardHelpOptions = true,
        description = "Runs a networked playtest (server + bots) and prints a network report.")
final class PlaytestCommand implements Callable<Integer> {
    private static final int TICK_HZ = 60;
    private static final int STATE_EVERY_TICKS = 3; // 20 Hz world state
    private static final int INPUT_EVERY_TICKS = 2; // 30 Hz inputs

    @Option(names = "--bots", defaultValue = "8", description = "Number of bots (default ${DEFAULT-VALUE}).")
    int bots;

    @Option(names = "--seconds", defaultValue = "20", description = "Wall-clock seconds to play (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--preset", defaultValue = "broadband-p50",
            description = "Link conditioner preset for every bot: lan, broadband-p50, broadband-p95, 4g-p95, "
                    + "unplayable (default ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--seed", description = "Random seed (default: time based, printed).")
    Long seed;

    // ------------------------------------------------------------------ messages (shared by both sides)

    /** Bot to server, 30 Hz, UNRELIABLE_SEQUENCED: only the newest input matters. */
    public static final class BotInput {
        public int tick;
        public float moveX;
        public float moveY;
    }

    /** Server to bots, 20 Hz, UNRELIABLE_SEQUENCED: every player's position. */
    public static final class WorldState {
        public int tick;
        public int[] ids;
        public float[] xs;
        public float[] ys;
    }

    /** Both ways, RELIABLE_ORDERED: a bot says something, the server echoes it to everybody. */
    public static final class ChatLine {
        public int from;
        public int number;
        public String text;
    }

    /** Bot to server, UNRELIABLE: a fire-and-forget effect ("emote"). */
    public static final class Emote {
        public int kind;
    }

    static MessageRegistry registry() {
        return MessageRegistry.builder()
                .register(BotInput.class)
                .register(WorldState.class)
                .register(ChatLine.class)
                .register(Emote.class)
                .register(int[].class)
                .register(float[].class)
                .build();
    }

    // ------------------------------------------------------------------ server side (authoritative)

    private static final class Player {
        final float[] position = {PlayerMotion.ARENA_WIDTH / 2, PlayerMotion.ARENA_HEIGHT / 2};
        float moveX;
        float moveY;
        int emotes;
        int chats;
    }

    private static final class ServerGame implements NetListener {
        final Map<Connection, Player> players = new HashMap<>();
        int disconnects;

        @Override
        public void connected(Connection connection) {
            players.put(connection, new Player());
        }

        @Override
        public void received(Connection connection, Object message, Channel channel) {
            Player p = players.get(connection);
            if (p == null) {
                return;
            }
            if (message instanceof BotInput in) {
                p.moveX = in.moveX;
                p.moveY = in.moveY;
            } else if (message instanceof Emote) {
                p.emotes++;
            } else if (message instanceof ChatLine line) {
                p.chats++;
                for (Connection c : players.keySet()) {
                    c.send(line, Channel.RELIABLE_ORDERED);
                }
            }
        }

        @Override
        public void disconnected(Connection connection, DisconnectReason reason) {
            players.remove(connection);
            disconnects++;
        }
    }

    // ------------------------------------------------------------------ bots

    private static final class Bot implements NetListener {
        final int index;
        final NetClient client;
        final ConditionedTransport transport;
        final SplittableRandom random;
        float moveX;
        float moveY;
        int chatsSent;
        int chatEchoesOwn;
        int chatLinesReceived;
        int chatOutOfOrder;
        int lastOwnEcho = -1;
        int worldStates;
        int lastWorldTick = -1;
        int worldBackwards;
        DisconnectReason disconnectReason;
        String disconnectDetail;
        boolean wasConnected;

        Bot(int index, NetClient client, ConditionedTransport transport, long seed) {
            this.index = index;
            this.client = client;
            this.transport = transport;
            this.random = new SplittableRandom(seed);
        }

        @Override
        public void connected(Connection connection) {
            wasConnected = true;
        }

        @Override
        public void received(Connection connection, Object message, Channel channel) {
            if (message instanceof WorldState state) {
                worldStates++;
                if (state.tick <= lastWorldTick) {
                    worldBackwards++;
                }
                lastWorldTick = state.tick;
            } else if (message instanceof ChatLine line) {
                chatLinesReceived++;
                if (line.from == index) {
                    if (line.number != lastOwnEcho + 1) {
                        chatOutOfOrder++;
                    }
                    lastOwnEcho = line.number;
                    chatEchoesOwn++;
                }
            }
        }

        @Override
        public void disconnected(Connection connection, DisconnectReason reason) {
            disconnectReason = reason;
            disconnectDetail = connection.disconnectDetail();
        }

        void tick(int tick) {
            if (!client.isConnected()) {
                return;
            }
            if (tick % 30 == 0) {
                moveX = (float) (random.nextDouble() * 2 - 1);
                moveY = (float) (random.nextDouble() * 2 - 1);
            }
            if (tick % INPUT_EVERY_TICKS == 0) {
                BotInput in = new BotInput();
                in.tick = tick;
                in.moveX = moveX;
                in.moveY = moveY;
                client.send(in, Channel.UNRELIABLE_SEQUENCED);
            }
            if (tick % 30 == index % 30) {
                Emote e = new Emote();
                e.kind = random.nextInt(4);
                client.send(e, Channel.UNRELIABLE);
            }
            if (tick % TICK_HZ == index % TICK_HZ) {
                ChatLine line = new ChatLine();
                line.from = index;
                line.number = chatsSent++;
                line.text = "bot" + index + " says hello #" + line.number;
                client.send(line, Channel.RELIABLE_ORDERED);
            }
        }
    }

    // ------------------------------------------------------------------ the run

    @Override
    public Integer call() throws InterruptedException {
        if (bots < 1 || seconds < 1) {
            System.err.println("playtest: --bots and --seconds must be at least 1");
            return 2;
        }
        LinkPreset linkPreset;
        try {
            linkPreset = LinkPreset.fromName(preset);
        } catch (IllegalArgumentException e) {
            System.err.println("playtest: " + e.getMessage());
            return 2;
        }
        long s = seed != null ? seed : System.nanoTime();
        System.out.println("netcode playtest: this runs over the IN-MEMORY transport, because the WebRTC transport");
        System.out.println("and the sample game are not built yet. What runs: one NetServer and " + bots
                + " bot NetClients in this JVM,");
        System.out.println("each bot behind the link conditioner preset '" + linkPreset.cliName() + "' ("
                + describe(linkPreset) + "), moving with PlayerMotion,");
        System.out.println("inputs on UNRELIABLE_SEQUENCED (30 Hz), world state on UNRELIABLE_SEQUENCED (20 Hz), emotes on");
        System.out.println("UNRELIABLE, chat echoed on RELIABLE_ORDERED. " + seconds + " s, seed " + s + ".");
        System.out.println();

        NetConfig config = NetConfig.builder("netcode-playtest/1").build();
        MessageRegistry registry = registry();
        ServerGame game = new ServerGame();
        List<Bot> botList = new ArrayList<>();
        try (InMemoryNetwork network = InMemoryNetwork.builder().build();
                NetServer server = new NetServer(config, registry, network.transport(), game)) {
            server.bind("playtest-arena");
            for (int i = 0; i < bots; i++) {
                ConditionedTransport transport = Transports.conditioned(network.transport(), linkPreset, s + i);
                Bot[] holder = new Bot[1];
                NetListener forward = new NetListener() {
                    @Override
                    public void connected(Connection c) {
                        holder[0].connected(c);
                    }

                    @Override
                    public void received(Connection c, Object m, Channel ch) {
                        holder[0].received(c, m, ch);
                    }

                    @Override
                    public void disconnected(Connection c, DisconnectReason r) {
                        holder[0].disconnected(c, r);
                    }
                };
                NetClient client = new NetClient(config, registry, transport, forward);
                holder[0] = new Bot(i, client, transport, s ^ (0x9E3779B97F4A7C15L * (i + 1)));
                botList.add(holder[0]);
                client.connect("playtest-arena");
            }

            long start = System.nanoTime();
            long tickNanos = 1_000_000_000L / TICK_HZ;
            long next = start;
            int tick = 0;
            int lastReport = 0;
            long end = start + seconds * 1_000_000_000L;
            while (System.nanoTime() < end) {
                // The "game thread": every callback of the server and all bots runs here, in update().
                server.update();
                for (Bot b : botList) {
                    b.client.update();
                    b.tick(tick);
                }
                for (Player p : game.players.values()) {
                    PlayerMotion.step(p.position, p.moveX, p.moveY, 1f / TICK_HZ);
                }
                if (tick % STATE_EVERY_TICKS == 0 && !game.players.isEmpty()) {
                    server.sendToAll(worldState(tick, game), Channel.UNRELIABLE_SEQUENCED);
                }
                tick++;
                int elapsedS = (int) ((System.nanoTime() - start) / 1_000_000_000L);
                if (elapsedS >= lastReport + 5) {
                    lastReport = elapsedS;
                    progress(elapsedS, server, botList);
                }
                next += tickNanos;
                long sleepNanos = next - System.nanoTime();
                if (sleepNanos > 0) {
                    Thread.sleep(sleepNanos / 1_000_000, (int) (sleepNanos % 1_000_000));
                }
            }
            double elapsedSeconds = (System.nanoTime() - start) / 1e9;
            // Let reliable chat in flight arrive before judging.
            long drainEnd = System.nanoTime() + 1_500_000_000L;
            while (System.nanoTime() < drainEnd) {
                server.update();
                for (Bot b : botList) {
                    b.client.update();
                }
                Thread.sleep(5);
            }
            int failures = report(botList, game, elapsedSeconds, tick);
            for (Bot b : botList) {
                b.client.close();
                b.transport.close();
            }
            return failures == 0 ? 0 : 1;
        }
    }

    private static WorldState worldState(int tick, ServerGame game) {
        WorldState w = new WorldState();
        int n = game.players.size();
        w.tick = tick;
        w.ids = new int[n];
        w.xs = new float[n];
        w.ys = new float[n];
        int i = 0;
        for (Map.Entry<Connection, Player> e : game.players.entrySet()) {
            w.ids[i] = e.getKey().id();
            w.xs[i] = e.getValue().position[0];
            w.ys[i] = e.getValue().position[1];
            i++;
        }
        return w;
    }

    private static String describe(LinkPreset p) {
        var up = p.profile().up();
        return String.format("RTT %.0f ms, jitter %.0f ms, loss %.0f %% each way",
                up.latencyMs() * 2, up.jitterMs() * 2, up.lossPercent());
    }

    private static void progress(int elapsedS, NetServer server, List<Bot> bots) {
        double rtt = 0;
        int connected = 0;
        for (Bot b : bots) {
            if (b.client.isConnected()) {
                connected++;
                rtt += b.client.connection().stats().smoothedRttMs();
            }
        }
        long serverIn = 0;
        for (Connection c : server.connections()) {
            serverIn += c.stats().messagesIn();
        }
        System.out.printf("t=%3ds  bots connected %d/%d  server received %d messages  mean RTT %.1f ms%n",
                elapsedS, connected, bots.size(), serverIn, connected == 0 ? 0.0 : rtt / connected);
    }

    /** Prints the per-bot table; returns the number of bots that failed. */
    private static int report(List<Bot> bots, ServerGame game, double seconds, int ticks) {
        System.out.println();
        System.out.printf("%-6s %8s %8s %8s %8s %9s %9s %8s %8s %7s %6s %s%n", "bot", "RTT ms", "jitter",
                "loss in", "loss out", "kbit/s up", "kbit/s dn", "msg out", "msg in", "states", "chat", "status");
        int failures = 0;
        for (Bot b : bots) {
            Connection c = b.client.connection();
            ConnectionStats st = c.stats();
            List<String> problems = new ArrayList<>();
            if (!b.wasConnected) {
                problems.add("never connected" + (b.disconnectReason == null ? "" : " (" + b.disconnectReason + ": "
                        + b.disconnectDetail + ")"));
            } else {
                if (b.disconnectReason != null) {
                    problems.add("disconnected: " + b.disconnectReason);
                }
                if (st.messagesOut() == 0 || st.messagesIn() == 0) {
                    problems.add("no traffic");
                }
                if (b.worldStates == 0) {
                    problems.add("no world state");
                }
                if (b.chatsSent > 0 && b.chatEchoesOwn == 0) {
                    problems.add("no chat echo");
                }
                if (b.chatOutOfOrder > 0) {
                    problems.add(b.chatOutOfOrder + " reliable out of order");
                }
                if (b.worldBackwards > 0) {
                    problems.add(b.worldBackwards + " sequenced went backwards");
                }
            }
            if (!problems.isEmpty()) {
                failures++;
            }
            System.out.printf("%-6s %8.1f %8.1f %7.1f%% %7.1f%% %9.1f %9.1f %8d %8d %7d %6s %s%n",
                    "bot" + b.index, st.smoothedRttMs(), st.rttJitterMs(), st.lossInPercent(), st.lossOutPercent(),
                    st.bytesOut() * 8 / 1000.0 / seconds, st.bytesIn() * 8 / 1000.0 / seconds,
                    st.messagesOut(), st.messagesIn(), b.worldStates, b.chatEchoesOwn + "/" + b.chatsSent,
                    problems.isEmpty() ? "ok" : String.join("; ", problems));
        }
        System.out.println();
        System.out.printf("%d ticks in %.1f s; server saw %d players; %d of %d bots ok.%n", ticks, seconds,
                game.players.size(), bots.size() - failures, bots.size());
        System.out.println("kbit/s are averages over the run of netcode payload bytes (no IP/UDP/DTLS/SCTP overhead);"
                + " loss is measured on keep-alive probes.");
        return failures;
    }
}
