package dev.netcode.lobby.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class TurnCredentialsTest {
    private static final Instant NOW = Instant.ofEpochSecond(1_699_999_400L);
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void passwordMatchesCoturnAlgorithmVector() {
        // Expected value computed independently with:
        //   echo -n "1700000000:alice" | openssl dgst -sha1 -hmac "north-secret" -binary | base64
        assertThat(TurnCredentials.password("north-secret".getBytes(StandardCharsets.UTF_8), "1700000000:alice"))
                .isEqualTo("g+jb180fcj+xlpA/2mP60OdIgU0=");
    }

    @Test
    void issuesExpiryColonUserAndVerifiesIt() {
        TurnCredentials creds = new TurnCredentials("north-secret", null, Duration.ofMinutes(10),
                List.of("turn:127.0.0.1:3478"), clock);
        TurnCredentials.Issued issued = creds.issue("alice");
        assertThat(issued.username()).isEqualTo("1700000000:alice");
        assertThat(issued.password()).isEqualTo("g+jb180fcj+xlpA/2mP60OdIgU0=");
        assertThat(issued.ttlSeconds()).isEqualTo(600);
        assertThat(creds.verify(issued.username(), issued.password())).isTrue();
        assertThat(creds.verify(issued.username(), "AAAA" + issued.password().substring(4))).isFalse();
    }

    @Test
    void acceptsPreviousSecretDuringRotationButIssuesWithCurrent() {
        TurnCredentials old = new TurnCredentials("old", null, Duration.ofMinutes(10), List.of(), clock);
        TurnCredentials rotated = new TurnCredentials("new", "old", Duration.ofMinutes(10), List.of(), clock);
        TurnCredentials.Issued fromOld = old.issue("bob");
        assertThat(rotated.verify(fromOld.username(), fromOld.password())).isTrue();
        assertThat(rotated.issue("bob").password()).isNotEqualTo(fromOld.password());
        TurnCredentials afterRotation = new TurnCredentials("new", null, Duration.ofMinutes(10), List.of(), clock);
        assertThat(afterRotation.verify(fromOld.username(), fromOld.password())).isFalse();
    }

    @Test
    void expiredAndMalformedUsernamesAreRefused() {
        TurnCredentials creds = new TurnCredentials("s", null, Duration.ofMinutes(10), List.of(), clock);
        String expired = (NOW.getEpochSecond() - 1) + ":carol";
        assertThat(creds.verify(expired, TurnCredentials.password("s".getBytes(StandardCharsets.UTF_8), expired)))
                .isFalse();
        assertThat(creds.verify("carol", "x")).isFalse();
        assertThat(creds.verify("abc:carol", "x")).isFalse();
        assertThatThrownBy(() -> creds.issue("a:b")).isInstanceOf(IllegalArgumentException.class);
    }
}
