package dev.netcode.lobby;

import static dev.netcode.lobby.LobbyTestSupport.Recorder.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.netcode.lobby.client.HostRegistration;
import dev.netcode.lobby.token.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A dedicated host's lobby client keeps it in the registry by itself: after a reconnect it
 * registers again and resumes heartbeats; when a heartbeat finds the host dropped (silent past the
 * timeout) it registers again, gets a new host id and join key, and reports them to the listener.
 */
class HostReRegistrationTest {
    private static final long TIMEOUT_MS = 3_000;

    @Test
    @Timeout(60)
    void hostRegistersAgainAfterReconnectAndAfterTimingOutWithTheNewKeyReported() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        try (LobbyTestSupport t = new LobbyTestSupport()) {
            LobbyServer server = t.server(LobbyConfig.builder().clock(clock).matchmakingIntervalMs(50)
                    .hostHeartbeat(200, TIMEOUT_MS));
            var host = t.host(server, "eu-1");
            HostRegistration first = host.client().registerHost("eu", 4, "h:1", () -> 0).join();

            // Reconnect while the lobby still has the host: same registration, heartbeats resume.
            assertThat(server.disconnect(host.id())).isTrue();
            HostRegistration resumed = next(host.events().hostRegistrations);
            assertThat(resumed.hostId()).isEqualTo(first.hostId());
            assertThat(resumed.joinKey()).isEqualTo(first.joinKey());

            // The host falls silent past the timeout (the lobby's clock jumps): the registry drops
            // it; the next heartbeat is answered not_registered and the client registers again.
            AtomicReference<HostRegistration> renewed = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
                HostRegistration r = host.events().hostRegistrations.poll();
                if (r != null && !r.hostId().equals(first.hostId())) {
                    renewed.set(r);
                    return true;
                }
                clock.advance(Duration.ofMillis(TIMEOUT_MS + 1_000));
                return false;
            });
            HostRegistration second = renewed.get();
            assertThat(second.joinKey()).isNotEqualTo(first.joinKey());
            List<String> ids = server.registeredHostIds().get(10, TimeUnit.SECONDS);
            assertThat(ids).contains(second.hostId()).doesNotContain(first.hostId());
        }
    }
}
