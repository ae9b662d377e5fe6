package dev.netcode.lobby;

import static dev.netcode.lobby.LobbyTestSupport.Recorder.next;
import static dev.netcode.lobby.RoomsTest.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.netcode.lobby.client.HostRegistration;
import dev.netcode.lobby.client.MatchInfo;
import dev.netcode.lobby.client.RoomInfo;
import dev.netcode.lobby.client.SeatReservation;
import dev.netcode.lobby.token.JoinClaims;
import dev.netcode.lobby.token.JoinTokenVerifier;
import dev.netcode.lobby.token.TokenException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Matchmaking queues, dedicated-host registry, seat reservations and join tokens. */
class MatchmakingTest {

    @Test
    void matchGoesToLeastLoadedHostAndItsJoinTokensVerifyOnThatHostOnly() throws Exception {
        try (LobbyTestSupport t = new LobbyTestSupport()) {
            LobbyServer server = t.server(LobbyConfig.builder().matchmakingIntervalMs(50)
                    .queue(QueueConfig.of("duel", 2, 2, QueueConfig.HostMode.DEDICATED)));
            var busy = t.host(server, "busy-eu");
            var idle = t.host(server, "idle-eu");
            var far = t.host(server, "idle-us");
            HostRegistration busyReg = busy.client().registerHost("eu", 10, "busy.example:7000", () -> 5).join();
            HostRegistration idleReg = idle.client().registerHost("eu", 10, "idle.example:7000", () -> 1).join();
            far.client().registerHost("us", 10, "us.example:7000", () -> 0).join();
            busy.client().request("host.heartbeat", RawSocket.MAPPER.createObjectNode().put("load", 5)).join();
            idle.client().request("host.heartbeat", RawSocket.MAPPER.createObjectNode().put("load", 1)).join();

            var alice = t.player(server, "alice");
            var bob = t.player(server, "bob");
            var mallory = t.player(server, "mallory");
            alice.client().joinQueue("duel", "eu", 1000, false).join();
            bob.client().joinQueue("duel", "eu", 1050, false).join();

            MatchInfo aliceMatch = next(alice.events().matches);
            MatchInfo bobMatch = next(bob.events().matches);
            assertThat(aliceMatch.matchId()).isEqualTo(bobMatch.matchId());
            assertThat(aliceMatch.host().dedicated()).isTrue();
            assertThat(aliceMatch.host().hostId()).isEqualTo(idleReg.hostId());
            assertThat(aliceMatch.host().address()).isEqualTo("idle.example:7000");
            assertThat(aliceMatch.players()).extracting(MatchInfo.Player::userId).containsExactlyInAnyOrder(alice.id(), bob.id());

            SeatReservation reservation = next(idle.events().reservations);
            assertThat(reservation.matchId()).isEqualTo(aliceMatch.matchId());
            assertThat(reservation.seats()).extracting(SeatReservation.Seat::userId).containsExactlyInAnyOrder(alice.id(), bob.id());
            assertThat(busy.events().reservations).isEmpty();

            // The host checks the token a player presents, offline.
            JoinTokenVerifier verifier = idleReg.verifier(Clock.systemUTC());
            JoinClaims claims = verifier.verify(aliceMatch.host().joinToken());
            assertThat(claims.userId()).isEqualTo(alice.id());
            assertThat(claims.matchId()).isEqualTo(aliceMatch.matchId());
            assertThat(verifier.verify(bobMatch.host().joinToken()).userId()).isEqualTo(bob.id());
            // Forged: altered signature, or presented to another host.
            String token = aliceMatch.host().joinToken();
            String tampered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
            assertThatThrownBy(() -> verifier.verify(tampered)).isInstanceOf(TokenException.class);
            assertThatThrownBy(() -> busyReg.verifier(Clock.systemUTC()).verify(token))
                    .isInstanceOfSatisfying(TokenException.class, e -> assertThat(e.reason()).isIn(
                            TokenException.Reason.FORGED, TokenException.Reason.WRONG_AUDIENCE));

            // Signaling between the players and their host is allowed; outsiders are refused.
            alice.client().signal(aliceMatch.host().userId(), "offer", "v=0 to host").join();
            assertThat(next(idle.events().signals).matchId()).isEqualTo(aliceMatch.matchId());
            idle.client().signal(bob.id(), "answer", "v=0 from host").join();
            assertThat(next(bob.events().signals).from()).isEqualTo(idle.id());
            assertCode(() -> mallory.client().signal(idle.id(), "offer", "x").join(), "forbidden");
            assertCode(() -> busy.client().signal(alice.id(), "offer", "x").join(), "forbidden");

            // Load now counts the reservation; releasing frees it.
            JsonNode beat = idle.client().request("host.heartbeat", RawSocket.MAPPER.createObjectNode().put("load", 0)).join();
            assertThat(beat.get("load").asInt()).isEqualTo(2);
            idle.client().releaseMatch(aliceMatch.matchId()).join();
            beat = idle.client().request("host.heartbeat", RawSocket.MAPPER.createObjectNode().put("load", 0)).join();
            assertThat(beat.get("load").asInt()).isZero();
        }
    }

    @Test
    void partiesAreMatchedTogetherAndP2pPicksAPlayerHost() throws Exception {
        try (LobbyTestSupport t = new LobbyTestSupport()) {
            LobbyServer server = t.server(LobbyConfig.builder().matchmakingIntervalMs(50)
                    .queue(QueueConfig.of("squad", 3, 3, QueueConfig.HostMode.P2P)));
            var alice = t.player(server, "alice");
            var bob = t.player(server, "bob");
            var carol = t.player(server, "carol");
            var dave = t.player(server, "dave");
            RoomInfo party = alice.client().createRoom("party", false, 4, Map.of()).join();
            bob.client().joinRoomByCode(party.joinCode()).join();
            assertCode(() -> bob.client().joinQueue("squad", "eu", 0, true).join(), "not_host");
            alice.client().joinQueue("squad", "eu", 0, true).join();
            assertCode(() -> bob.client().joinQueue("squad", "eu", 0, false).join(), "already_queued");
            assertCode(() -> carol.client().joinQueue("nope", "eu", 0, false).join(), "unknown_mode");
            carol.client().joinQueue("squad", "eu", 0, false).join();

            MatchInfo match = next(carol.events().matches);
            assertThat(match.host().dedicated()).isFalse();
            assertThat(match.host().kind()).isEqualTo("p2p");
            assertThat(match.host().userId()).isEqualTo(alice.id());
            assertThat(match.players()).extracting(MatchInfo.Player::userId).containsExactlyInAnyOrder(alice.id(), bob.id(), carol.id());
            assertThat(next(bob.events().matches).matchId()).isEqualTo(match.matchId());
            // Match members may signal each other although carol is not in the party's room.
            carol.client().signal(alice.id(), "offer", "v=0").join();
            assertThat(next(alice.events().signals).matchId()).isEqualTo(match.matchId());
            // Dave, queued later, waits alone.
            dave.client().joinQueue("squad", "eu", 0, false).join();
            assertThat(dave.events().matches.poll(300, TimeUnit.MILLISECONDS)).isNull();
            dave.client().leaveQueue().join();
            assertCode(() -> dave.client().leaveQueue().join(), "not_found");
        }
    }

    @Test
    void skillWindowWidensWithWaitingTime() throws Exception {
        try (LobbyTestSupport t = new LobbyTestSupport()) {
            // Window 10 growing 200/s: skills 0 and 300 become compatible after ~1.45 s, not before.
            LobbyServer server = t.server(LobbyConfig.builder().matchmakingIntervalMs(50)
                    .queue(new QueueConfig("ranked", 2, 2, 10, 200, 1000, 0, QueueConfig.HostMode.P2P)));
            var low = t.player(server, "low");
            var high = t.player(server, "high");
            long start = System.nanoTime();
            low.client().joinQueue("ranked", "eu", 0, false).join();
            high.client().joinQueue("ranked", "eu", 300, false).join();
            MatchInfo match = next(low.events().matches);
            long waitedMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(waitedMs).isGreaterThanOrEqualTo(1_000);
            assertThat(match.players()).hasSize(2);
        }
    }

    @Test
    void onlyHostRoleRegistersAndSilentHostsAreRemoved() throws Exception {
        try (LobbyTestSupport t = new LobbyTestSupport()) {
            LobbyServer server = t.server(LobbyConfig.builder().matchmakingIntervalMs(50).hostHeartbeat(200, 3000)
                    .queue(QueueConfig.of("duel", 2, 2, QueueConfig.HostMode.DEDICATED)));
            var player = t.player(server, "player");
            assertCode(() -> player.client().registerHost("eu", 4, "x:1", null).join(), "forbidden");

            String hostToken = dev.netcode.lobby.client.LobbyClient.login(java.net.http.HttpClient.newHttpClient(), server.httpUri(),
                    Map.of("method", "host", "secret", LobbyTestSupport.HOST_SECRET)).join().get("token").asText();
            try (RawSocket silent = RawSocket.open(server.httpUri(), hostToken, false)) {
                silent.await("session.ready", 20_000);
                silent.send("{\"type\":\"host.register\",\"rid\":1,\"region\":\"eu\",\"capacity\":4,\"address\":\"h:1\"}");
                assertThat(silent.await("ok", 20_000).path("data").path("joinKey").asText()).isNotEmpty();
                // No heartbeats: after the timeout (3 s, checked once a second) the registry forgets the host.
                Thread.sleep(6_000);
                silent.send("{\"type\":\"host.heartbeat\",\"rid\":2}");
                JsonNode error = silent.await("error", 20_000);
                assertThat(error.path("code").asText()).isEqualTo("not_registered");
            }
            // A heartbeating host (the client heartbeats by itself) stays registered.
            var live = t.host(server, "live");
            live.client().registerHost("eu", 4, "live:1", () -> 0).join();
            Thread.sleep(4_500);
            assertThat(live.client().request("host.heartbeat", null).join().get("capacity").asInt()).isEqualTo(4);
        }
    }
}
