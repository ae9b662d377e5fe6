package dev.netcode.lobby;

import static dev.netcode.lobby.LobbyTestSupport.Recorder.next;
import static dev.netcode.lobby.RoomsTest.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.netcode.lobby.LobbyTestSupport.Recorder;
import dev.netcode.lobby.client.RoomInfo;
import dev.netcode.lobby.client.SignalMessage;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Signaling relay: only within a room or match, sender overwritten, trickle, size caps. */
class SignalingTest {

    @Test
    void offerAnswerAndTrickledCandidatesFlowBetweenRoomMembers() throws Exception {
        try (LobbyTestSupport t = new LobbyTestSupport()) {
            LobbyServer server = t.server(LobbyConfig.builder());
            var alice = t.player(server, "alice");
            var bob = t.player(server, "bob");
            RoomInfo room = alice.client().createRoom("r", true, 2, Map.of()).join();
            bob.client().joinRoom(room.roomId()).join();

            alice.client().signal(bob.id(), "offer", "v=0\r\no=- 1 2 IN IP4 0.0.0.0\r\n", "pc-1").join();
            // Trickle: candidates before the answer came back, in both directions.
            alice.client().signal(bob.id(), "candidate", "candidate:1 1 udp 2122260223 192.0.2.1 5000 typ host", "pc-1").join();
            bob.client().signal(alice.id(), "candidate", "candidate:2 1 udp 2122260223 192.0.2.2 6000 typ host", "pc-1").join();
            bob.client().signal(alice.id(), "answer", "v=0 answer", "pc-1").join();
            alice.client().signal(bob.id(), "bye", "").join();

            SignalMessage offer = next(bob.events().signals);
            assertThat(offer.kind()).isEqualTo("offer");
            assertThat(offer.from()).isEqualTo(alice.id());
            assertThat(offer.fromName()).isEqualTo("alice");
            assertThat(offer.payload()).startsWith("v=0\r\n");
            assertThat(offer.connectionId()).isEqualTo("pc-1");
            assertThat(offer.roomId()).isEqualTo(room.roomId());
            assertThat(next(bob.events().signals).kind()).isEqualTo("candidate");
            assertThat(next(bob.events().signals).kind()).isEqualTo("bye");
            assertThat(next(alice.events().signals).kind()).isEqualTo("candidate");
            assertThat(next(alice.events().signals).kind()).isEqualTo("answer");
        }
    }

    @Test
    void outsidersAreRefusedAndTheSenderCannotBeSpoofed() throws Exception {
        try (LobbyTestSupport t = new LobbyTestSupport()) {
            LobbyServer server = t.server(LobbyConfig.builder().maxSignalPayloadBytes(1000).maxFrameBytes(4096));
            var alice = t.player(server, "alice");
            var bob = t.player(server, "bob");
            var mallory = t.player(server, "mallory");
            RoomInfo room = alice.client().createRoom("r", true, 4, Map.of()).join();
            bob.client().joinRoom(room.roomId()).join();

            assertCode(() -> mallory.client().signal(bob.id(), "offer", "v=0").join(), "forbidden");
            mallory.client().createRoom("m", true, 4, Map.of()).join();
            assertCode(() -> mallory.client().signal(alice.id(), "candidate", "x").join(), "forbidden");
            assertCode(() -> alice.client().signal(mallory.id(), "offer", "x").join(), "forbidden");
            assertCode(() -> alice.client().signal("guest-nobody", "offer", "x").join(), "forbidden");
            assertCode(() -> alice.client().signal(bob.id(), "rollback", "x").join(), "bad_request");
            assertCode(() -> alice.client().signal(bob.id(), "offer", "x".repeat(1001)).join(), "payload_too_large");

            // A hand-written message claiming to be from alice: the server overwrites "from".
            try (RawSocket raw = RawSocket.open(server.httpUri(), RawSocket.login(server.httpUri(), "eve"), false)) {
                raw.await("session.ready", 20_000);
                raw.send("{\"type\":\"room.join\",\"rid\":1,\"roomId\":\"" + room.roomId() + "\"}");
                String eveId = raw.await("ok", 20_000).path("data").path("members").get(2).path("userId").asText();
                raw.send("{\"type\":\"signal\",\"rid\":2,\"to\":\"" + bob.id() + "\",\"from\":\"" + alice.id()
                        + "\",\"kind\":\"offer\",\"payload\":\"spoof\"}");
                JsonNode ok = raw.await("ok", 20_000);
                assertThat(ok.path("rid").asInt()).isEqualTo(2);
                SignalMessage received = next(bob.events().signals);
                assertThat(received.payload()).isEqualTo("spoof");
                assertThat(received.from()).isEqualTo(eveId).isNotEqualTo(alice.id());
            }
            assertThat(mallory.events().signals).isEmpty();
        }
    }

    /** The opaque form an SDK adapter uses: sendSignal out, SignalListener(from, payload) in. */
    @Test
    void opaqueSignalsReachTheSignalListenerWithTheServerSetSender() throws Exception {
        try (LobbyTestSupport t = new LobbyTestSupport()) {
            LobbyServer server = t.server(LobbyConfig.builder());
            var alice = t.player(server, "alice");
            var bob = t.player(server, "bob");
            var mallory = t.player(server, "mallory");
            java.util.concurrent.BlockingQueue<String> bobGot = new java.util.concurrent.LinkedBlockingQueue<>();
            bob.client().setSignalListener((from, payload) -> bobGot.add(from + "|" + payload));
            RoomInfo room = alice.client().createRoom("r", true, 2, Map.of()).join();
            bob.client().joinRoom(room.roomId()).join();

            String json = "{\"type\":\"offer\",\"sdp\":\"v=0\\r\\n\"}";
            alice.client().sendSignal(bob.id(), json).join();
            alice.client().sendSignal(bob.id(), "").join();
            alice.client().signal(bob.id(), "candidate", "typed, not for the SignalListener").join();
            alice.client().sendSignal(bob.id(), "last").join();

            assertThat(Recorder.next(bobGot)).isEqualTo(alice.id() + "|" + json);
            assertThat(Recorder.next(bobGot)).isEqualTo(alice.id() + "|");
            assertThat(Recorder.next(bobGot)).isEqualTo(alice.id() + "|last");
            // The LobbyListener sees every signal, data ones included, with their kind.
            assertThat(next(bob.events().signals).isData()).isTrue();
            assertThat(next(bob.events().signals).kind()).isEqualTo("data");
            assertThat(next(bob.events().signals).kind()).isEqualTo("candidate");
            assertThat(next(bob.events().signals).payload()).isEqualTo("last");
            assertCode(() -> mallory.client().sendSignal(bob.id(), "x").join(), "forbidden");

            // Removing the listener stops delivery to it.
            bob.client().setSignalListener(null);
            alice.client().sendSignal(bob.id(), "unheard").join();
            assertThat(next(bob.events().signals).payload()).isEqualTo("unheard");
            assertThat(bobGot).isEmpty();
        }
    }
}
