package dev.netcode.launcher;

import dev.netcode.webrtc.PeerConnectionConfig;
import dev.netcode.webrtc.ice.IceTransportPolicy;
import dev.netcode.webrtc.internal.SharedResources;
import dev.netcode.webrtc.turn.TurnAuthenticationException;
import dev.netcode.webrtc.turn.TurnClientConfig;
import dev.netcode.webrtc.turn.TurnCredentials;
import dev.netcode.webrtc.turn.TurnProbe;
import dev.netcode.webrtc.turn.TurnServer;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Option;

/**
 * {@code --turn URI --turn-user U --turn-pass P --relay-only}, shared by commands that make peer
 * connections, and the start-up check of those servers.
 *
 * <p>Why a check: with {@code --relay-only} and a wrong password ICE has no candidate at all and
 * the only symptom would be a connection timeout. {@link #check} allocates once on every server
 * ({@link TurnProbe}) and turns a 401 into a one-line error naming the server.
 */
final class TurnOptions {
    /** Timers of the start-up check: about 12 s until a silent UDP server counts as unreachable. */
    private static final TurnClientConfig CHECK_CONFIG = TurnClientConfig.defaults().withRetransmission(500, 5, 8)
            .withTcpTimeoutMs(10_000);

    @Option(names = "--turn", description = "TURN server turn:HOST:PORT?transport=udp|tcp (repeatable).")
    List<String> uris = new ArrayList<>();

    @Option(names = "--turn-user", description = "TURN username (static, or coturn REST form expiry:user).")
    String user;

    @Option(names = "--turn-pass", description = "TURN password.")
    String pass;

    @Option(names = "--relay-only", description = "iceTransportPolicy=relay: use TURN relay candidates only.")
    boolean relayOnly;

    /** The configured servers; fails fast (IllegalArgumentException) on an incomplete combination. */
    List<TurnServer> servers() {
        if (uris.isEmpty()) {
            if (relayOnly) {
                throw new IllegalArgumentException("--relay-only needs at least one --turn server");
            }
            return List.of();
        }
        if (user == null || pass == null) {
            throw new IllegalArgumentException("--turn needs --turn-user and --turn-pass");
        }
        List<TurnServer> servers = new ArrayList<>();
        for (String uri : uris) {
            servers.add(TurnServer.parse(uri, TurnCredentials.of(user, pass)));
        }
        return servers;
    }

    /** Adds the TURN servers and policy to {@code builder}; fails fast on an incomplete combination. */
    PeerConnectionConfig.Builder apply(PeerConnectionConfig.Builder builder) {
        List<TurnServer> servers = servers();
        if (servers.isEmpty()) {
            return builder;
        }
        builder.turnServers(servers);
        if (relayOnly) {
            builder.iceTransportPolicy(IceTransportPolicy.RELAY);
        }
        return builder;
    }

    /**
     * Allocates once on every server (in parallel) and frees the allocations again.
     *
     * <ul>
     *   <li>Credentials rejected (401) by any server: fatal, whatever the policy: the configuration
     *       is wrong and a relay the user counts on would silently be missing.</li>
     *   <li>Unreachable or quota reached: a warning on {@code err}, as ICE carries on with the other
     *       candidates; fatal only under {@code --relay-only} when no server is usable.</li>
     * </ul>
     *
     * @return null when the command may go on, else the one-line reason to stop
     */
    String check(String command, PrintWriter err) throws InterruptedException {
        List<TurnServer> servers = servers();
        List<CompletableFuture<InetSocketAddress>> probes = new ArrayList<>();
        for (TurnServer server : servers) {
            probes.add(TurnProbe.check(server, CHECK_CONFIG, SharedResources.eventLoopGroup().next()));
        }
        long waitMs = Math.max(CHECK_CONFIG.udpGiveUpMs(), (long) CHECK_CONFIG.connectTimeoutMs() + CHECK_CONFIG.tcpTimeoutMs())
                + 2_000;
        long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
        int usable = 0;
        String firstProblem = null;
        for (int i = 0; i < servers.size(); i++) {
            TurnServer server = servers.get(i);
            String problem;
            try {
                probes.get(i).get(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime())),
                        TimeUnit.MILLISECONDS);
                usable++;
                continue;
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof TurnAuthenticationException) {
                    return cause.getMessage() + ": wrong or expired --turn-user/--turn-pass";
                }
                problem = cause.getMessage();
            } catch (TimeoutException e) {
                probes.get(i).cancel(false);
                problem = "no answer from TURN server " + server.uri() + " within " + waitMs + " ms";
            }
            err.println(command + ": warning: " + problem + "; ICE goes on without this relay");
            err.flush();
            firstProblem = firstProblem == null ? problem : firstProblem;
        }
        if (relayOnly && usable == 0) {
            return "--relay-only and no TURN server is usable: " + firstProblem;
        }
        return null;
    }
}
