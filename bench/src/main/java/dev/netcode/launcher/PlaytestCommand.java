package dev.netcode.launcher;

import dev.netcode.core.conditioner.LinkPreset;
import dev.netcode.sample.playtest.InMemoryPlaytestNetwork;
import dev.netcode.sample.playtest.LobbyPlaytestNetwork;
import dev.netcode.sample.playtest.Playtest;
import dev.netcode.sample.playtest.PlaytestNetwork;
import dev.netcode.sample.playtest.PlaytestReport;
import dev.netcode.sample.playtest.PlaytestResult;
import dev.netcode.sample.playtest.WebRtcPlaytestNetwork;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./netcode playtest}: the README's main job. Runs the sample arena's dedicated host and N
 * bots (each a full networked client: prediction, interpolation, lag-compensated shooting) for a
 * while, shows progress, and ends with the network report: a table here, and {@code report.json}
 * plus PNG charts in a folder it names.
 *
 * <p>Exit code 0 only if every bot connected, traffic flowed both ways and, at the default preset,
 * no client had an interpolation hitch; 1 otherwise; 2 for usage errors. The report always says
 * which transport and signaling ran. By default: an embedded netcode-lobby server on 127.0.0.1,
 * the dedicated host registered with it, and every bot logging in, matchmaking, getting a join
 * token and connecting over real WebRTC on loopback (its own ICE agent, DTLS handshake and SCTP
 * association; the host serves all of them on one UDP port and checks every join token), with the
 * offers, answers and candidates relayed by the lobby. {@code --signaling loopback} replaces the
 * lobby by an in-process hub (no matchmaking, no tokens); {@code --transport memory} runs core's
 * in-memory transport. Every bot is behind the link conditioner preset.
 */
@Command(name = "playtest", mixinStandardHelpOptions = true,
        description = "Runs the sample arena (dedicated host + bots) and writes a network report.")
final class PlaytestCommand implements Callable<Integer> {
    static final String DEFAULT_PRESET = "broadband-p50";

    @Option(names = "--bots", defaultValue = "8", description = "Number of bots, 1..16 (default ${DEFAULT-VALUE}).")
    int bots;

    @Option(names = "--seconds", defaultValue = "60", description = "Wall-clock seconds to play (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--preset", defaultValue = DEFAULT_PRESET,
            description = "Link conditioner preset for every bot: lan, broadband-p50, broadband-p95, 4g-p95, "
                    + "unplayable (default ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--seed", description = "Random seed (default: time based, printed).")
    Long seed;

    @Option(names = "--transport", defaultValue = "webrtc",
            description = "webrtc (real WebRTC on loopback, the default) or memory (core's in-memory transport).")
    String transport;

    @Option(names = "--signaling", defaultValue = "lobby",
            description = "With WebRTC: lobby (the default: an embedded netcode-lobby on 127.0.0.1; the host registers,"
                    + " bots matchmake and present join tokens, signals relayed by the lobby) or loopback (in-process hub).")
    String signaling;

    @Option(names = "--out", description = "Report folder (default: playtest-reports/<date-time> in the project root).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (bots < 1 || bots > 16 || seconds < 1) {
            System.err.println("playtest: --bots must be 1..16 and --seconds at least 1");
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
        Path dir = out != null ? out : defaultFolder();
        boolean defaultPreset = linkPreset == LinkPreset.fromName(DEFAULT_PRESET);
        PlaytestResult result;
        boolean webrtc;
        switch (transport.toLowerCase(java.util.Locale.ROOT)) {
            case "webrtc" -> webrtc = true;
            case "memory", "in-memory" -> webrtc = false;
            default -> {
                System.err.println("playtest: --transport must be webrtc or memory, was " + transport);
                return 2;
            }
        }
        boolean viaLobby = "lobby".equalsIgnoreCase(signaling);
        if (!viaLobby && !"loopback".equalsIgnoreCase(signaling)) {
            System.err.println("playtest: --signaling must be loopback or lobby, was " + signaling);
            return 2;
        }
        PlaytestNetwork net;
        try {
            net = !webrtc ? new InMemoryPlaytestNetwork(linkPreset, s)
                    : viaLobby ? new LobbyPlaytestNetwork(linkPreset, s, bots) : new WebRtcPlaytestNetwork(linkPreset, s);
        } catch (Exception e) {
            System.err.println("playtest: could not start the embedded lobby: " + e);
            return 1;
        }
        if (net instanceof LobbyPlaytestNetwork lobbyNet) {
            System.out.println("embedded lobby on " + lobbyNet.lobbyUri() + ": host registration, matchmaking, join tokens"
                    + " and the WebRTC signaling");
        }
        try (PlaytestNetwork network = net) {
            System.out.println("netcode playtest: " + bots + " bots against a dedicated host for " + seconds
                    + " s, transport: " + network.transportName()
                    + (webrtc ? " (real ICE/DTLS/SCTP over UDP on 127.0.0.1, host on one UDP port, signaling: "
                            + (viaLobby ? "lobby" : "in-process hub") + ")"
                            : " (in-process queues, no sockets)") + ",");
            System.out.println("every bot behind link preset '" + linkPreset.cliName() + "' (" + describe(linkPreset)
                    + "), seed " + s + ".");
            System.out.println();
            try {
                result = new Playtest(network, bots, seconds, s, linkPreset.cliName(), defaultPreset)
                        .run(System.out::println);
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                System.err.println("playtest: the host or the bots could not get going"
                        + (viaLobby && webrtc ? " (lobby login, host registration or matchmaking)" : "") + ": " + e);
                return 1;
            }
        }
        System.out.println();
        System.out.print(PlaytestReport.table(result));
        List<Path> files = PlaytestReport.write(result, dir);
        System.out.println("report written to " + dir.toAbsolutePath() + " (" + files.size() + " files: report.json and "
                + (files.size() - 1) + " PNG charts)");
        return result.passed() ? 0 : 1;
    }

    private static Path defaultFolder() {
        String root = System.getProperty("netcode.root", ".");
        return Path.of(root, "playtest-reports",
                "playtest-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }

    private static String describe(LinkPreset p) {
        var up = p.profile().up();
        return String.format("RTT %.0f ms, jitter %.0f ms, loss %.0f %% each way",
                up.latencyMs() * 2, up.jitterMs() * 2, up.lossPercent());
    }
}
