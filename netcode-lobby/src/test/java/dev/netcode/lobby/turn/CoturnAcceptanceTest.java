package dev.netcode.lobby.turn;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
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

    @Test
    void realCoturnAcceptsIssuedCredentialsAndRefusesBadOnes() throws Exception {
        try (CoturnProcess coturn = CoturnProcess.start("current-secret", "previous-secret")) {
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
    }
}
