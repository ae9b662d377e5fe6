package dev.netcode.lobby;

import static dev.netcode.lobby.LobbyTestSupport.Recorder.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netcode.lobby.client.LobbyException;
import dev.netcode.lobby.client.RoomInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Room flows with real clients against a real server. */
class RoomsTest {

    @Test
    void createListJoinReadyPropertiesLeave() throws Exception {
        try (LobbyTestSupport t = new LobbyTestSupport()) {
            LobbyServer server = t.server(LobbyConfig.builder());
            var alice = t.player(server, "alice");
            var bob = t.player(server, "bob");
            var carol = t.player(server, "carol");

            RoomInfo dust = alice.client().createRoom("dust", true, 2, Map.of("map", "dust", "mode", "ffa")).join();
            assertThat(dust.hostUserId()).isEqualTo(alice.id());
            assertThat(dust.joinCode()).hasSize(6);
            RoomInfo secret = carol.client().createRoom("secret", false, 4, Map.of("map", "dust")).join();

            List<RoomInfo> listed = bob.client().listRooms(Map.of("map", "dust"), true).join();
            assertThat(listed).extracting(RoomInfo::roomId).containsExactly(dust.roomId());
            assertThat(listed.get(0).joinCode()).isNull();
            assertThat(bob.client().listRooms(Map.of("map", "other"), false).join()).isEmpty();

            RoomInfo joined = bob.client().joinRoom(dust.roomId()).join();
            assertThat(joined.members()).extracting(RoomInfo.Member::userId).containsExactly(alice.id(), bob.id());
            assertThat(next(alice.events().rooms).hasMember(bob.id())).isTrue();
            // Full rooms are not listed with hasSpace and refuse joins.
            assertThat(carol.client().listRooms(Map.of(), true).join()).isEmpty();
            carol.client().leaveRoom().join();
            assertCode(() -> carol.client().joinRoom(dust.roomId()).join(), "room_full");
            // Private rooms: not listed, not joinable by id, joinable by code.
            assertCode(() -> bob.client().joinRoom(secret.roomId()).join(), "already_in_room");

            RoomInfo ready = bob.client().setReady(true).join();
            assertThat(ready.members()).filteredOn(m -> m.userId().equals(bob.id())).singleElement()
                    .satisfies(m -> assertThat(m.ready()).isTrue());

            Map<String, String> change = new HashMap<>();
            change.put("map", "inferno");
            change.put("mode", null);
            RoomInfo changed = alice.client().setRoomProperties(change).join();
            assertThat(changed.properties()).isEqualTo(Map.of("map", "inferno"));
            assertCode(() -> bob.client().setRoomProperties(Map.of("x", "y")).join(), "not_host");

            bob.client().leaveRoom().join();
            assertCode(() -> bob.client().leaveRoom().join(), "not_in_room");
        }
    }

    @Test
    void privateRoomByCodeKickAndHostMigration() throws Exception {
        try (LobbyTestSupport t = new LobbyTestSupport()) {
            LobbyServer server = t.server(LobbyConfig.builder());
            var alice = t.player(server, "alice");
            var bob = t.player(server, "bob");
            var carol = t.player(server, "carol");
            RoomInfo room = alice.client().createRoom(null, false, 4, Map.of()).join();
            assertThat(bob.client().listRooms(Map.of(), false).join()).isEmpty();
            assertCode(() -> bob.client().joinRoom(room.roomId()).join(), "not_found");
            bob.client().joinRoomByCode(room.joinCode().toLowerCase()).join();
            carol.client().joinRoomByCode(room.joinCode()).join();

            assertCode(() -> bob.client().kick(carol.id()).join(), "not_host");
            RoomInfo afterKick = alice.client().kick(carol.id()).join();
            assertThat(afterKick.hasMember(carol.id())).isFalse();
            assertThat(next(carol.events().kicked)).isEqualTo(room.roomId());

            alice.client().leaveRoom().join();
            RoomInfo update;
            do {
                update = next(bob.events().rooms);
            } while (update.hasMember(alice.id()));
            assertThat(update.hostUserId()).isEqualTo(bob.id());
            assertThat(bob.client().kick(alice.id()).handle((r, e) -> e).join()).isNotNull();
        }
    }

    @Test
    void capsOnRoomsAndProperties() throws Exception {
        try (LobbyTestSupport t = new LobbyTestSupport()) {
            LobbyServer server = t.server(LobbyConfig.builder().maxRooms(1).maxRoomPlayers(8).roomPropertyLimits(2, 8, 16));
            var alice = t.player(server, "alice");
            var bob = t.player(server, "bob");
            assertCode(() -> alice.client().createRoom("r", true, 9, Map.of()).join(), "bad_request");
            assertCode(() -> alice.client().createRoom("r", true, 4, Map.of("a", "1", "b", "2", "c", "3")).join(), "payload_too_large");
            assertCode(() -> alice.client().createRoom("r", true, 4, Map.of("key-too-long", "1")).join(), "payload_too_large");
            assertCode(() -> alice.client().createRoom("r", true, 4, Map.of("k", "v".repeat(17))).join(), "payload_too_large");
            alice.client().createRoom("r", true, 4, Map.of("a", "1", "b", "2")).join();
            assertCode(() -> alice.client().setRoomProperties(Map.of("c", "3")).join(), "payload_too_large");
            assertCode(() -> bob.client().createRoom("r2", true, 4, Map.of()).join(), "room_limit");
        }
    }

    static void assertCode(Runnable call, String code) {
        assertThatThrownBy(call::run).isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(LobbyException.class, e -> assertThat(e.code()).isEqualTo(code));
    }
}
