package dev.netcode.lobby.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Session and join token verification on hostile strings: TokenException or a valid token, nothing else. */
class SessionTokenFuzzTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final SessionTokens TOKENS = new SessionTokens(KEY, Duration.ofMinutes(5), CLOCK);
    private static final JoinTokenVerifier JOIN = new JoinTokenVerifier(KEY, "h-1", CLOCK);
    private static final String VALID = TOKENS.issue("guest-1", "A", List.of());

    @FuzzTest(maxDuration = "15s")
    void verifyNeverFailsOtherwise(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        // Mix fuzz bytes into a valid token half of the time so the fuzzer gets past the MAC check shape.
        String candidate = input.length > 0 && (input[0] & 1) == 1 ? VALID.substring(0, Math.min(VALID.length(), input.length)) + text : text;
        try {
            SessionToken token = TOKENS.verify(candidate);
            assertThat(candidate).isEqualTo(VALID);
            assertThat(token.userId()).isEqualTo("guest-1");
        } catch (TokenException expected) {
            assertThat(expected.reason()).isNotNull();
        }
        try {
            JOIN.verify(candidate);
        } catch (TokenException expected) {
            assertThat(expected.reason()).isNotNull();
        }
    }
}
