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
    void lobbyIsRefusedUntilTheWebRtcTransportExists() {
        assertThat(new CommandLine(new HostCommand()).execute("--lobby", "http://127.0.0.1:1")).isEqualTo(2);
        assertThat(new CommandLine(new ClientCommand()).execute("--lobby", "http://127.0.0.1:1")).isEqualTo(2);
    }
}
