package dev.netcode.sample.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.netcode.lobby.GuestAuthenticator;
import dev.netcode.lobby.LobbyConfig;
import dev.netcode.lobby.LobbyServer;
import dev.netcode.sample.JavaProcess;
import dev.netcode.sample.client.LobbyBots;
import dev.netcode.sample.lobby.ArenaLobby;
import dev.netcode.sample.net.ArenaClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The deployment shape on one machine: a lobby (embedded here, as {@code ./netcode lobby} runs it),
 * the dedicated host as its own process ({@code HostMain --lobby}, what {@code ./netcode host
 * --lobby} runs) and two headless bots that join through matchmaking ({@code LobbyBots}, what
 * {@code ./netcode client --lobby --headless} runs). They play (snapshots reach the bots, the host
 * applies their inputs); SIGTERM stops the host cleanly and it leaves the lobby's registry.
 */
@Tag("slow")
class LobbyHostProcessTest {
    private static final Pattern INPUTS = Pattern.compile("players (\\d+), inputs applied (\\d+)");

    @Test
    @Timeout(150)
    void botsPlayOnARegisteredHostProcessThatUnregistersOnSigterm() throws Exception {
        long seed = 51;
        System.out.println("seed " + seed);
        String secret = "lobby-host-process-test-secret";
        LobbyServer lobby = LobbyServer.start(LobbyConfig.builder().bindAddress("127.0.0.1").port(0)
                .matchmakingIntervalMs(50).queue(ArenaLobby.queue(4)).authenticator(new GuestAuthenticator(secret)).build());
        String wsUrl = lobby.httpUri().toString().replaceFirst("^http", "ws");
        Path log = Files.createTempFile("lobby-host", ".log");
        ProcessBuilder pb = new ProcessBuilder(JavaProcess.command(HostMain.class,
                List.of("-Xmx256m", "-Djava.awt.headless=true"), "--lobby", wsUrl, "--region", "test",
                "--capacity", "4", "--name", "test-host", "--host-secret", secret, "--port", "0",
                "--bind", "127.0.0.1", "--advertise", "127.0.0.1", "--seed", Long.toString(seed)));
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        Process process = pb.start();
        LobbyBots bots = null;
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(log).contains("host running")
                    || !process.isAlive());
            assertThat(process.isAlive()).as(Files.readString(log)).isTrue();
            List<String> hosts = lobby.registeredHostIds().get(10, TimeUnit.SECONDS);
            assertThat(hosts).hasSize(1);

            bots = LobbyBots.start(ArenaLobby.baseUri(wsUrl), 2, "bot-", "test", null, seed, 60);
            LobbyBots playing = bots;
            await().atMost(Duration.ofSeconds(60)).until(() -> playing.reports().stream().allMatch(r ->
                    r.playerId() >= 0 && r.snapshotsReceived() > 20 && r.inputTicks() > 20));
            for (ArenaClient.Report r : bots.reports()) {
                System.out.println(r);
                assertThat(r.connected()).isTrue();
                assertThat(r.bytesIn()).isPositive();
                assertThat(r.bytesOut()).isPositive();
            }
            // The host applies their inputs: its status line (every 5 s) says so.
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                Matcher m = INPUTS.matcher(Files.readString(log));
                long applied = 0;
                int players = 0;
                while (m.find()) {
                    players = Integer.parseInt(m.group(1));
                    applied = Long.parseLong(m.group(2));
                }
                return players == 2 && applied > 0;
            });

            process.destroy(); // SIGTERM on Linux
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
            String output = Files.readString(log);
            System.out.println(output);
            assertThat(process.exitValue()).isEqualTo(143); // 128 + SIGTERM, after the shutdown hook ran
            assertThat(output).contains("host stopped after").contains("unregistered " + hosts.get(0));
            assertThat(lobby.registeredHostIds().get(10, TimeUnit.SECONDS)).isEmpty();
        } finally {
            if (bots != null) {
                bots.close();
            }
            process.destroyForcibly();
            lobby.close();
        }
    }
}
