package dev.netcode.lobby;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.netcode.lobby.client.LobbyClient;
import dev.netcode.lobby.client.LobbyException;
import dev.netcode.lobby.client.RoomInfo;
import dev.netcode.lobby.token.MutableClock;
import dev.netcode.lobby.token.SessionTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Login, tokens, refresh, health, refusal of forged/expired tokens, resume after reconnect. */
class SessionTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void guestLoginIssuesTokenThatOpensTheWebSocketAndRefreshes() throws Exception {
        try (LobbyTestSupport t = new LobbyTestSupport()) {
            LobbyServer server = t.server(LobbyConfig.builder());
            JsonNode login = LobbyClient.login(http, server.httpUri(), Map.of("method", "guest", "name", "alice")).join();
            assertThat(login.get("userId").asText()).startsWith("guest-");
            assertThat(login.get("displayName").asText()).isEqualTo("alice");
            assertThat(login.get("expiresAtMs").asLong()).isGreaterThan(System.currentTimeMillis());

            JsonNode refreshed = LobbyClient.refresh(http, server.httpUri(), login.get("token").asText()).join();
            assertThat(refreshed.get("userId").asText()).isEqualTo(login.get("userId").asText());

            LobbyTestSupport.Player alice = t.player(server, "alice");
            assertThat(alice.client().refreshToken().join()).isNotBlank();
            assertThat(alice.client().request("ping", null).join().get("timeMs").asLong()).isPositive();

            HttpResponse<String> health = http.send(HttpRequest.newBuilder(server.httpUri().resolve("/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"ok\"").contains("\"connections\":1");
        }
    }

    @Test
    void forgedAndExpiredTokensAreRefused() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        byte[] key = "k".repeat(32).getBytes();
        try (LobbyTestSupport t = new LobbyTestSupport()) {
            LobbyServer server = t.server(LobbyConfig.builder().tokenKey(key).clock(clock).sessionTokenTtl(Duration.ofMinutes(5)));
            URI uri = server.httpUri();
            String forged = new SessionTokens("x".repeat(32).getBytes(), Duration.ofMinutes(5), clock).issue("guest-1", "m", List.of("host"));
            assertRefused(uri, forged, "token_invalid");
            assertRefused(uri, "not-a-token", "token_invalid");

            String valid = new SessionTokens(key, Duration.ofMinutes(5), clock).issue("guest-2", "ok", List.of());
            clock.advance(Duration.ofMinutes(6));
            assertRefused(uri, valid, "token_expired");
            assertThatThrownBy(() -> LobbyClient.refresh(http, uri, valid).join())
                    .hasCauseInstanceOf(LobbyException.class).hasMessageContaining("token_expired");
            assertThatThrownBy(() -> LobbyClient.refresh(http, uri, forged).join()).hasMessageContaining("token_invalid");
        }
    }

    private void assertRefused(URI uri, String token, String code) throws Exception {
        assertThatThrownBy(() -> LobbyClient.resume(uri, token, null).get(20, TimeUnit.SECONDS))
                .satisfies(e -> assertThat(handshakeFailure(e).getResponse().statusCode()).isEqualTo(401));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri.resolve("/ws?token=" + java.net.URLEncoder.encode(token, "UTF-8")))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains(code);
    }

    private static WebSocketHandshakeException handshakeFailure(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof WebSocketHandshakeException h) {
                return h;
            }
        }
        throw new AssertionError("not a refused handshake", e);
    }

    @Test
    void loginAttemptsAreLimitedPerIp() throws Exception {
        try (LobbyTestSupport t = new LobbyTestSupport()) {
            LobbyServer server = t.server(LobbyConfig.builder().loginRate(1, 3));
            int ok = 0;
            int limited = 0;
            for (int i = 0; i < 6; i++) {
                try {
                    LobbyClient.login(http, server.httpUri(), Map.of("method", "guest")).join();
                    ok++;
                } catch (CompletionException e) {
                    assertThat(e.getCause()).isInstanceOfSatisfying(LobbyException.class,
                            le -> assertThat(le.code()).isEqualTo("rate_limited"));
                    limited++;
                }
            }
            assertThat(ok).isEqualTo(3);
            assertThat(limited).isEqualTo(3);
        }
    }

    @Test
    void unknownLoginMethodAndBadBodiesAreRefused() throws Exception {
        try (LobbyTestSupport t = new LobbyTestSupport()) {
            LobbyServer server = t.server(LobbyConfig.builder());
            assertThatThrownBy(() -> LobbyClient.login(http, server.httpUri(), Map.of("method", "password")).join())
                    .hasMessageContaining("auth_failed");
            assertThatThrownBy(() -> LobbyClient.login(http, server.httpUri(), Map.of("method", "host", "secret", "wrong")).join())
                    .hasMessageContaining("auth_failed");
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.httpUri().resolve("/login"))
                    .POST(HttpRequest.BodyPublishers.ofString("[1,2")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(400);
        }
    }

    @Test
    void reconnectWithTokenResumesRoomMembership() throws Exception {
        try (LobbyTestSupport t = new LobbyTestSupport()) {
            LobbyServer server = t.server(LobbyConfig.builder());
            LobbyTestSupport.Player alice = t.player(server, "alice");
            LobbyTestSupport.Player bob = t.player(server, "bob");
            RoomInfo room = alice.client().createRoom("r", true, 4, Map.of()).join();
            bob.client().joinRoom(room.roomId()).join();

            // The network drops bob; his client reconnects by itself with its token.
            assertThat(server.disconnect(bob.id())).isTrue();
            assertThat(LobbyTestSupport.Recorder.next(bob.events().disconnects)).isEqualTo(1001);
            RoomInfo resumed = LobbyTestSupport.Recorder.next(bob.events().reconnects).orElseThrow();
            assertThat(resumed.roomId()).isEqualTo(room.roomId());
            assertThat(resumed.hasMember(bob.id())).isTrue();
            assertThat(resumed.hostUserId()).isEqualTo(alice.id());
            // Still a working member: signaling inside the room goes through.
            bob.client().signal(alice.id(), "offer", "v=0").join();
            assertThat(LobbyTestSupport.Recorder.next(alice.events().signals).from()).isEqualTo(bob.id());

            // A brand-new process resuming with the saved token finds the room too.
            String token = bob.client().token();
            bob.client().close();
            LobbyTestSupport.Recorder recorder = new LobbyTestSupport.Recorder();
            LobbyClient again = t.track(LobbyClient.resume(server.httpUri(), token, recorder).get(20, TimeUnit.SECONDS));
            assertThat(again.currentRoom()).isNotNull();
            assertThat(again.currentRoom().roomId()).isEqualTo(room.roomId());
        }
    }

    @Test
    void sessionExpiresAfterGraceAndLeavesItsRoomWithHostMigration() throws Exception {
        try (LobbyTestSupport t = new LobbyTestSupport()) {
            LobbyServer server = t.server(LobbyConfig.builder().sessionGraceMs(300).matchmakingIntervalMs(50));
            LobbyTestSupport.Player alice = t.player(server, "alice");
            LobbyTestSupport.Player bob = t.player(server, "bob");
            RoomInfo room = alice.client().createRoom("r", true, 4, Map.of()).join();
            bob.client().joinRoom(room.roomId()).join();
            String aliceId = alice.id();
            alice.client().close();
            RoomInfo update;
            do {
                update = LobbyTestSupport.Recorder.next(bob.events().rooms);
            } while (update.hasMember(aliceId));
            assertThat(update.hostUserId()).isEqualTo(bob.id());
            assertThat(update.members()).extracting(RoomInfo.Member::userId).containsExactly(bob.id());
        }
    }
}
