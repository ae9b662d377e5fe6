package dev.netcode.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

@Timeout(60)
class HostCommandTest {
    @Test
    void hostWithNetworkedBotsRunsAndStops() {
        int exit = new CommandLine(new HostCommand()).execute("--bots", "2", "--seconds", "2", "--seed", "3");
        assertThat(exit).isZero();
    }

    @Test
    void lobbyModeNeedsTheHostSecretAndAReachableLobby() {
        // No secret: a usage error (unless the environment provides one).
        if (System.getenv("NETCODE_LOBBY_HOST_SECRET") == null) {
            assertThat(new CommandLine(new HostCommand()).execute("--lobby", "ws://127.0.0.1:1")).isEqualTo(2);
        }
        // Nothing listens on port 1: the host cannot log in and says so with exit 1.
        assertThat(new CommandLine(new HostCommand()).execute("--lobby", "ws://127.0.0.1:1", "--host-secret", "s",
                "--port", "0")).isEqualTo(1);
        assertThat(new CommandLine(new ClientCommand()).execute("--headless")).isEqualTo(2);
        assertThat(new CommandLine(new ClientCommand()).execute("--lobby", "ftp://x:1", "--headless")).isEqualTo(2);
    }
}
