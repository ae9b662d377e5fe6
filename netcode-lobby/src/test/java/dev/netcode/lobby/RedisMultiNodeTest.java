package dev.netcode.lobby;

import static dev.netcode.lobby.LobbyTestSupport.Recorder.next;
import static org.assertj.core.api.Assertions.assertThat;

import dev.netcode.lobby.client.LobbyClient;
import dev.netcode.lobby.client.RoomInfo;
import dev.netcode.lobby.store.RedisLobbyStore;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Two lobby nodes sharing a real redis-server: shared rooms, cross-node signaling, resume on another node. */
@Tag("slow")
class RedisMultiNodeTest {
    private static final QueueConfig DUEL = QueueConfig.of("duel", 2, 2, QueueConfig.HostMode.DEDICATED_OR_P2P);
    private static final byte[] KEY = "shared-token-key-for-all-nodes!!".getBytes(StandardCharsets.US_ASCII);

    @Test
    void roomsAndSignalingSpanNodesAndASessionResumesOnTheSurvivor() throws Exception {
        try (RedisProcess redis = RedisProcess.start(); LobbyTestSupport t = new LobbyTestSupport()) {
            LobbyServer nodeA = t.server(LobbyConfig.builder().tokenKey(KEY).matchmakingIntervalMs(100).queue(DUEL)
                    .store(RedisLobbyStore.connect(redis.uri(), "t1")));
            LobbyServer nodeB = t.server(LobbyConfig.builder().tokenKey(KEY).matchmakingIntervalMs(100).queue(DUEL)
                    .store(RedisLobbyStore.connect(redis.uri(), "t1")));
            // Alice knows both nodes: when hers dies, her client moves to the other by itself.
            var alice = t.connect(java.util.List.of(nodeA.httpUri(), nodeB.httpUri()), Map.of("method", "guest", "name", "alice"));
            var bob = t.player(nodeB, "bob");

            RoomInfo room = alice.client().createRoom("cross", false, 4, Map.of("map", "dust")).join();
            RoomInfo joined = bob.client().joinRoomByCode(room.joinCode()).join();
            assertThat(joined.members()).extracting(RoomInfo.Member::userId).containsExactly(alice.id(), bob.id());
            // The room.updated for alice was produced on node B and routed to node A.
            assertThat(next(alice.events().rooms).hasMember(bob.id())).isTrue();
            assertThat(alice.client().listRooms(Map.of(), false).join()).isEmpty(); // private

            bob.client().signal(alice.id(), "offer", "v=0 from B").join();
            assertThat(next(alice.events().signals).payload()).isEqualTo("v=0 from B");
            alice.client().signal(bob.id(), "answer", "v=0 from A").join();
            assertThat(next(bob.events().signals).from()).isEqualTo(alice.id());

            // Players queued on different nodes are matched together (one node runs the matchmaker),
            // onto a dedicated host connected to node B.
            var host = t.host(nodeB, "host-b");
            var reg = host.client().registerHost("eu", 8, "host-b:7000", () -> 0).join();
            var carol = t.player(nodeA, "carol");
            var dave = t.player(nodeB, "dave");
            carol.client().joinQueue("duel", "eu", 1000, false).join();
            dave.client().joinQueue("duel", "eu", 1010, false).join();
            var carolMatch = next(carol.events().matches);
            var daveMatch = next(dave.events().matches);
            assertThat(carolMatch.matchId()).isEqualTo(daveMatch.matchId());
            assertThat(carolMatch.host().hostId()).isEqualTo(reg.hostId());
            assertThat(reg.verifier(java.time.Clock.systemUTC()).verify(carolMatch.host().joinToken()).userId()).isEqualTo(carol.id());
            assertThat(next(host.events().reservations).matchId()).isEqualTo(carolMatch.matchId());
            carol.client().signal(dave.id(), "offer", "match-scoped across nodes").join();
            assertThat(next(dave.events().signals).matchId()).isEqualTo(carolMatch.matchId());

            // Node A goes away; alice's client reconnects to node B with her token and finds her room.
            String aliceId = alice.id();
            nodeA.close();
            assertThat(next(alice.events().disconnects)).isNotNull();
            RoomInfo intact = next(alice.events().reconnects).orElseThrow();
            assertThat(intact.roomId()).isEqualTo(room.roomId());
            assertThat(intact.hostUserId()).isEqualTo(aliceId);
            assertThat(intact.properties()).isEqualTo(Map.of("map", "dust"));
            assertThat(intact.members()).extracting(RoomInfo.Member::userId).containsExactly(aliceId, bob.id());
            bob.client().signal(aliceId, "candidate", "after failover").join();
            assertThat(next(alice.events().signals).payload()).isEqualTo("after failover");
            // A process restarted from scratch can resume with a saved token just as well.
            String token = alice.client().token();
            alice.client().close();
            LobbyClient again = t.track(LobbyClient.resume(nodeB.httpUri(), token, null).get(30, TimeUnit.SECONDS));
            assertThat(again.currentRoom().roomId()).isEqualTo(room.roomId());
        }
    }
}
