package dev.netcode.bench.lobby;

import dev.netcode.lobby.LobbyConfig;
import dev.netcode.lobby.LobbyServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The lobby under test, in a JVM of its own so that its heap is measured alone and its file
 * descriptors do not share one process limit with the load generator's.
 *
 * <p>Arguments: {@code <tokenKeyHex> <maxConnections>}. Prints {@code PORT <port>} once listening,
 * then answers commands on stdin, one per line: {@code heap} (prints {@code HEAP <bytes used after
 * GC>}), {@code conns} ({@code CONNS <WebSocket sessions>}), {@code quit} (or end of input).
 */
public final class LobbyBenchServer {
    private LobbyBenchServer() {
    }

    public static void main(String[] args) throws Exception {
        byte[] key = HexFormat.of().parseHex(args[0]);
        int maxConnections = Integer.parseInt(args[1]);
        LobbyServer server = LobbyServer.start(LobbyConfig.builder()
                .bindAddress("127.0.0.1").port(0)
                .tokenKey(key)
                .maxConnections(maxConnections)
                .maxRooms(Math.max(10_000, maxConnections))
                // One load generator IP holds every session: per-connection limits stay, but
                // generous enough for the offered signaling rate.
                .messageRate(200, 400)
                .build());
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.out.println("PORT " + server.port());
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            switch (line.trim()) {
                case "heap" -> {
                    for (int i = 0; i < 3; i++) {
                        System.gc();
                        Thread.sleep(100);
                    }
                    System.out.println("HEAP " + memory.getHeapMemoryUsage().getUsed());
                }
                case "conns" -> System.out.println("CONNS " + server.connectionCount());
                case "quit" -> {
                    server.close();
                    System.out.println("BYE");
                    System.out.flush();
                    return;
                }
                default -> System.out.println("ERR unknown command");
            }
            System.out.flush();
        }
        server.close();
    }
}
