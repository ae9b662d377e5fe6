package dev.netcode.lobby.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokensTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OTHER_KEY = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void sessionTokenRoundTrips() throws TokenException {
        SessionTokens tokens = new SessionTokens(KEY, Duration.ofMinutes(10), clock);
        SessionToken t = tokens.verify(tokens.issue("guest-1", "Alice", List.of("host")));
        assertThat(t.userId()).isEqualTo("guest-1");
        assertThat(t.displayName()).isEqualTo("Alice");
        assertThat(t.hasRole("host")).isTrue();
        assertThat(t.expiresAtMs()).isEqualTo(clock.millis() + 600_000);
    }

    @Test
    void expiredTokenIsRefusedAsExpired() {
        SessionTokens tokens = new SessionTokens(KEY, Duration.ofMinutes(10), clock);
        String token = tokens.issue("guest-1", "Alice", List.of());
        clock.advance(Duration.ofMinutes(10));
        assertReason(() -> tokens.verify(token), TokenException.Reason.EXPIRED);
    }

    @Test
    void alteredPayloadOrOtherKeyIsForged() {
        SessionTokens tokens = new SessionTokens(KEY, Duration.ofMinutes(10), clock);
        String token = tokens.issue("guest-1", "Alice", List.of());
        String payload = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8);
        String elevated = payload.replace("\"r\":[]", "\"r\":[\"host\"]");
        assertThat(elevated).isNotEqualTo(payload);
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(elevated.getBytes(StandardCharsets.UTF_8))
                + token.substring(token.indexOf('.'));
        assertReason(() -> tokens.verify(forged), TokenException.Reason.FORGED);
        SessionTokens attacker = new SessionTokens(OTHER_KEY, Duration.ofMinutes(10), clock);
        assertReason(() -> tokens.verify(attacker.issue("guest-1", "Alice", List.of("host"))), TokenException.Reason.FORGED);
    }

    @Test
    void garbageIsMalformed() {
        SessionTokens tokens = new SessionTokens(KEY, Duration.ofMinutes(10), clock);
        for (String bad : new String[] {"", "abc", "a.b.c", "!!!.???", ".x", "x.", "x".repeat(5000)}) {
            assertReason(() -> tokens.verify(bad), TokenException.Reason.MALFORMED);
        }
    }

    @Test
    void joinTokenIsNotASessionTokenAndViceVersa() throws TokenException {
        JoinTokens join = new JoinTokens(KEY, "h-1", Duration.ofSeconds(60), clock);
        SessionTokens sessions = new SessionTokens(KEY, Duration.ofMinutes(10), clock);
        String joinToken = join.issue("m-1", "guest-1");
        assertReason(() -> sessions.verify(joinToken), TokenException.Reason.WRONG_AUDIENCE);
        JoinTokenVerifier verifier = new JoinTokenVerifier(KEY, "h-1", clock);
        assertReason(() -> verifier.verify(sessions.issue("guest-1", "A", List.of())), TokenException.Reason.WRONG_AUDIENCE);
        assertThat(verifier.verify(joinToken)).isEqualTo(new JoinClaims("h-1", "m-1", "guest-1", clock.millis() + 60_000));
    }

    @Test
    void joinTokenForAnotherHostOrExpiredIsRefused() {
        JoinTokens join = new JoinTokens(KEY, "h-1", Duration.ofSeconds(60), clock);
        String token = join.issue("m-1", "guest-1");
        assertReason(() -> new JoinTokenVerifier(KEY, "h-2", clock).verify(token), TokenException.Reason.WRONG_AUDIENCE);
        assertReason(() -> new JoinTokenVerifier(OTHER_KEY, "h-1", clock).verify(token), TokenException.Reason.FORGED);
        clock.advance(Duration.ofSeconds(61));
        assertReason(() -> new JoinTokenVerifier(KEY, "h-1", clock).verify(token), TokenException.Reason.EXPIRED);
    }

    @Test
    void shortKeysAreRejectedAtConstruction() {
        assertThatThrownBy(() -> new SessionTokens(new byte[16], Duration.ofMinutes(1), clock))
                .isInstanceOf(IllegalArgumentException.class);
    }

    interface Verify {
        Object run() throws TokenException;
    }

    private static void assertReason(Verify verify, TokenException.Reason reason) {
        assertThatThrownBy(verify::run).isInstanceOfSatisfying(TokenException.class,
                e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
