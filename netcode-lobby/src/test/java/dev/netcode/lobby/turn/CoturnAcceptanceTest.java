package dev.netcode.lobby.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netcode.lobby.GuestAuthenticator;
import dev.netcode.lobby.LobbyConfig;
import dev.netcode.lobby.LobbyServer;
import dev.netcode.lobby.client.LobbyClient;
import dev.netcode.lobby.client.TurnServer;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Credentials from TurnCredentials are accepted by a real coturn running with use-auth-secret. */
@Tag("slow")
class CoturnAcceptanceTest {

    /** One coturn for the class: two at once on neighbouring ports could answer each other's probes. */
    private static CoturnProcess coturn;

    @org.junit.jupiter.api.BeforeAll
    static void startCoturn() throws Exception {
        coturn = CoturnProcess.start("current-secret", "previous-secret");
    }

    @org.junit.jupiter.api.AfterAll
    static void stopCoturn() throws InterruptedException {
        if (coturn != null) {
            coturn.close();
        }
    }

    @Test
    void realCoturnAcceptsIssuedCredentialsAndRefusesBadOnes() throws Exception {
        InetSocketAddress server = new InetSocketAddress("127.0.0.1", coturn.port);
        TurnCredentials current = new TurnCredentials("current-secret", "previous-secret", Duration.ofMinutes(10),
                List.of("turn:127.0.0.1:" + coturn.port), Clock.systemUTC());
        TurnCredentials.Issued issued = current.issue("guest-abc");
        assertThat(TurnAllocateProbe.allocate(server, issued.username(), issued.password())).isZero();

        // During rotation coturn also holds the previous secret: credentials issued with it still work.
        TurnCredentials.Issued old = new TurnCredentials("previous-secret", null, Duration.ofMinutes(10), List.of(),
                Clock.systemUTC()).issue("guest-old");
        assertThat(TurnAllocateProbe.allocate(server, old.username(), old.password())).isZero();

        assertThat(TurnAllocateProbe.allocate(server, issued.username(), "AAAA" + issued.password().substring(4))).isEqualTo(401);
        TurnCredentials.Issued foreign = new TurnCredentials("someone-elses-secret", null, Duration.ofMinutes(10), List.of(),
                Clock.systemUTC()).issue("guest-x");
        assertThat(TurnAllocateProbe.allocate(server, foreign.username(), foreign.password())).isEqualTo(401);
        Clock past = Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC);
        TurnCredentials.Issued expired = new TurnCredentials("current-secret", null, Duration.ofMinutes(10), List.of(), past)
                .issue("guest-late");
        assertThat(TurnAllocateProbe.allocate(server, expired.username(), expired.password())).isEqualTo(401);
        assertThat(coturn.isAlive()).isTrue();
    }

    /** The whole path: a player asks the lobby for credentials and coturn accepts them. */
    @Test
    void credentialsFromTheLobbyClientAreAcceptedByCoturn() throws Exception {
        String uri = "turn:127.0.0.1:" + coturn.port + "?transport=udp";
        TurnCredentials turn = new TurnCredentials("current-secret", null, Duration.ofMinutes(5), List.of(uri),
                Clock.systemUTC());
        try (LobbyServer lobby = LobbyServer.start(LobbyConfig.builder().bindAddress("127.0.0.1").port(0)
                .authenticator(new GuestAuthenticator("host-secret")).turn(turn).build());
             LobbyClient player = LobbyClient.connect(lobby.httpUri(), Map.of("method", "guest", "name", "alice"), null)
                     .get(30, TimeUnit.SECONDS)) {
            TurnServer credentials = player.turnCredentials().get(30, TimeUnit.SECONDS);
            assertThat(credentials.uris()).containsExactly(uri);
            assertThat(credentials.username()).endsWith(":" + player.userId());
            assertThat(credentials.ttlSeconds()).isEqualTo(300);
            InetSocketAddress server = new InetSocketAddress("127.0.0.1", coturn.port);
            assertThat(TurnAllocateProbe.allocate(server, credentials.username(), credentials.password())).isZero();
            // The username is bound to the password: claiming another user with it fails.
            String otherUser = credentials.username().substring(0, credentials.username().indexOf(':') + 1) + "guest-other";
            assertThat(TurnAllocateProbe.allocate(server, otherUser, credentials.password())).isEqualTo(401);
        }
    }
}
