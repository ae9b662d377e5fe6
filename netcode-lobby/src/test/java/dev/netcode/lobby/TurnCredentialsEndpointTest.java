package dev.netcode.lobby;

import static dev.netcode.lobby.RoomsTest.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.netcode.lobby.client.TurnServer;
import dev.netcode.lobby.turn.TurnCredentials;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The turn.credentials message hands out coturn REST-API credentials for the session's user. */
class TurnCredentialsEndpointTest {

    @Test
    void credentialsFollowCoturnRestApiAndVerifyDuringRotation() throws Exception {
        TurnCredentials turn = new TurnCredentials("new-secret", "old-secret", Duration.ofHours(1),
                List.of("turn:127.0.0.1:3478?transport=udp", "turns:turn.example:5349"), Clock.systemUTC());
        try (LobbyTestSupport t = new LobbyTestSupport()) {
            LobbyServer server = t.server(LobbyConfig.builder().turn(turn));
            var alice = t.player(server, "alice");
            long before = System.currentTimeMillis() / 1000;
            TurnServer creds = alice.client().turnCredentials().join();
            String[] parts = creds.username().split(":");
            assertThat(parts[1]).isEqualTo(alice.id());
            assertThat(Long.parseLong(parts[0])).isBetween(before + 3600, before + 3600 + 120);
            // coturn recomputes base64(HMAC-SHA1(static-auth-secret, username)).
            assertThat(creds.password()).isEqualTo(TurnCredentials.password("new-secret".getBytes(StandardCharsets.UTF_8), creds.username()));
            assertThat(creds.ttlSeconds()).isEqualTo(3600);
            assertThat(creds.uris()).containsExactly("turn:127.0.0.1:3478?transport=udp", "turns:turn.example:5349");
            assertThat(turn.verify(creds.username(), creds.password())).isTrue();
            String oldPassword = TurnCredentials.password("old-secret".getBytes(StandardCharsets.UTF_8), creds.username());
            assertThat(turn.verify(creds.username(), oldPassword)).isTrue();

            // The same over HTTP, for a browser that wants ICE servers before opening the WebSocket.
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> ok = http.send(HttpRequest.newBuilder(server.httpUri().resolve("/turn"))
                    .header("Authorization", "Bearer " + alice.client().token()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(200);
            TurnServer overHttp = new ObjectMapper().readValue(ok.body(), TurnServer.class);
            assertThat(overHttp.username()).endsWith(":" + alice.id());
            assertThat(turn.verify(overHttp.username(), overHttp.password())).isTrue();
            HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(server.httpUri().resolve("/turn")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(401);
        }
    }

    @Test
    void lobbyWithoutTurnSaysSo() throws Exception {
        try (LobbyTestSupport t = new LobbyTestSupport()) {
            LobbyServer server = t.server(LobbyConfig.builder());
            var alice = t.player(server, "alice");
            assertCode(() -> alice.client().turnCredentials().join(), "turn_unavailable");
        }
    }
}
