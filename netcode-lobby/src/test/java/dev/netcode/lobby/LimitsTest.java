package dev.netcode.lobby;

import static dev.netcode.lobby.LobbyTestSupport.Recorder.next;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.netcode.lobby.client.LobbyException;
import dev.netcode.lobby.client.RoomInfo;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Limits a hostile or broken client runs into, on real sockets. */
class LimitsTest {

    @Test
    void oversizeFrameClosesWith1009() throws Exception {
        try (LobbyTestSupport t = new LobbyTestSupport()) {
            LobbyServer server = t.server(LobbyConfig.builder().maxFrameBytes(4096).maxSignalPayloadBytes(1000));
            try (RawSocket raw = RawSocket.open(server.httpUri(), RawSocket.login(server.httpUri(), "big"), false)) {
                raw.await("session.ready", 20_000);
                raw.send("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(10_000) + "\"}");
                assertThat(raw.closeCode.get(20, TimeUnit.SECONDS)).isEqualTo(1009);
            }
            // The same limit holds for a message split into fragments that are each small enough.
            try (RawSocket raw = RawSocket.open(server.httpUri(), RawSocket.login(server.httpUri(), "frag"), false)) {
                raw.await("session.ready", 20_000);
                raw.sendPart("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(3000), false).get(10, TimeUnit.SECONDS);
                raw.sendPart("x".repeat(3000) + "\"}", true);
                assertThat(raw.closeCode.get(20, TimeUnit.SECONDS)).isEqualTo(1009);
            }
        }
    }

    @Test
    void floodIsThrottledThenClosed() throws Exception {
        try (LobbyTestSupport t = new LobbyTestSupport()) {
            LobbyServer server = t.server(LobbyConfig.builder().messageRate(5, 5).floodRejectLimit(20));
            var bystander = t.player(server, "bystander");
            try (RawSocket raw = RawSocket.open(server.httpUri(), RawSocket.login(server.httpUri(), "flood"), false)) {
                raw.await("session.ready", 20_000);
                for (int i = 0; i < 100 && !raw.closeCode.isDone(); i++) {
                    raw.send("{\"type\":\"ping\",\"rid\":" + i + "}").get(10, TimeUnit.SECONDS);
                }
                assertThat(raw.closeCode.get(20, TimeUnit.SECONDS)).isEqualTo(1008);
                int ok = 0;
                int limited = 0;
                for (JsonNode m : raw.received) {
                    if (m.path("type").asText().equals("ok")) {
                        ok++;
                    } else if (m.path("code").asText().equals("rate_limited")) {
                        limited++;
                    }
                }
                // At most the burst plus what refilled meanwhile was served (replies still on their way
                // when the close was sent are dropped, so fewer may be seen).
                assertThat(ok).isLessThanOrEqualTo(10);
                assertThat(limited).isEqualTo(20);   // throttled first ...
            }
            // ... and other connections are unaffected.
            assertThat(bystander.client().request("ping", null).get(20, TimeUnit.SECONDS).has("timeMs")).isTrue();
        }
    }

    @Test
    void slowConsumerIsDisconnectedWithoutHurtingOthers() throws Exception {
        try (LobbyTestSupport t = new LobbyTestSupport()) {
            LobbyServer server = t.server(LobbyConfig.builder()
                    .outboundQueueBytes(64 * 1024).socketSendBufferBytes(8 * 1024)
                    .messageRate(100_000, 100_000).maxSignalPayloadBytes(32 * 1024));
            var alice = t.player(server, "alice");
            var bob = t.player(server, "bob");
            RoomInfo room = alice.client().createRoom("r", true, 4, Map.of()).join();
            bob.client().joinRoom(room.roomId()).join();
            // The slow consumer joins and then never reads a byte.
            RawSocket slow = t.track(RawSocket.open(server.httpUri(), RawSocket.login(server.httpUri(), "slow"), true));
            slow.send("{\"type\":\"room.join\",\"roomId\":\"" + room.roomId() + "\"}");
            RoomInfo withSlow;
            do {
                withSlow = next(alice.events().rooms);
            } while (withSlow.members().size() < 3);
            String slowId = withSlow.members().get(2).userId();

            String payload = "a".repeat(30_000);
            long deadline = System.currentTimeMillis() + 90_000;
            String outcome = null;
            int relayed = 0;
            while (outcome == null && System.currentTimeMillis() < deadline) {
                try {
                    alice.client().signal(slowId, "offer", payload).get(20, TimeUnit.SECONDS);
                    relayed++;
                } catch (java.util.concurrent.ExecutionException e) {
                    outcome = ((LobbyException) e.getCause()).code();
                }
            }
            System.out.println("relayed " + relayed + " x 30 kB to the slow consumer before it was dropped");
            assertThat(outcome).isEqualTo("peer_offline");
            assertThat(server.connectionCount()).isEqualTo(2);
            // Everyone else keeps working, promptly.
            bob.client().signal(alice.id(), "offer", "still here").get(20, TimeUnit.SECONDS);
            assertThat(next(alice.events().signals).payload()).isEqualTo("still here");
            RoomInfo after;
            do {
                after = next(bob.events().rooms);
            } while (after.members().stream().anyMatch(m -> m.userId().equals(slowId) && m.connected()));
            assertThat(after.hasMember(alice.id())).isTrue();
        } catch (CompletionException e) {
            throw e;
        }
    }
}
