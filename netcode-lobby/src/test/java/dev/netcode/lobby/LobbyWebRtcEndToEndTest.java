package dev.netcode.lobby;

import static dev.netcode.lobby.LobbyTestSupport.Recorder.next;
import static org.assertj.core.api.Assertions.assertThat;

import dev.netcode.lobby.client.HostRegistration;
import dev.netcode.lobby.client.MatchInfo;
import dev.netcode.lobby.client.RoomInfo;
import dev.netcode.lobby.client.SeatReservation;
import dev.netcode.lobby.token.JoinClaims;
import dev.netcode.lobby.token.JoinTokenVerifier;
import dev.netcode.lobby.token.TokenException;
import dev.netcode.webrtc.datachannel.DataChannel;
import dev.netcode.webrtc.datachannel.DataChannelListener;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The lobby as the signaling channel of real WebRTC connections: a real lobby server on port 0, real
 * Java lobby clients, and {@link dev.netcode.webrtc.PeerConnection}s (ICE, DTLS, SCTP, DCEP on
 * loopback) whose offers, answers and trickled candidates travel only through
 * {@code LobbyClient.sendSignal} and the {@code SignalListener}. A channel counts as open when a
 * message sent on it comes back echoed by the other side.
 */
@Tag("slow")
@Timeout(120)
class LobbyWebRtcEndToEndTest {

    /** Two players queue, are matched onto a registered dedicated host and open channels to it. */
    @Test
    void matchedPlayersOpenDataChannelsToTheirDedicatedHost() throws Exception {
        long seed = System.nanoTime();
        System.out.println("LobbyWebRtcEndToEndTest dedicated seed=" + seed);
        try (LobbyTestSupport t = new LobbyTestSupport()) {
            LobbyServer server = t.server(LobbyConfig.builder().matchmakingIntervalMs(50)
                    .queue(QueueConfig.of("duel", 2, 2, QueueConfig.HostMode.DEDICATED)));

            // The dedicated host: a lobby client with the host role that answers offers from the
            // players placed on it and admits a data channel only after a valid join token.
            var host = t.host(server, "host-eu-1");
            HostRegistration registration = host.client().registerHost("eu", 8, "127.0.0.1:0", () -> 0).join();
            JoinTokenVerifier verifier = registration.verifier(Clock.systemUTC());
            Set<String> expected = ConcurrentHashMap.newKeySet();
            Set<String> admitted = ConcurrentHashMap.newKeySet();
            LobbySignaledPeer hostRtc = t.track(new LobbySignaledPeer(host.client(), seed));
            hostRtc.acceptOffers(expected::contains, (from, channel) -> new GameHostChannel(from, verifier, admitted));

            var alice = t.player(server, "alice");
            var bob = t.player(server, "bob");
            LobbySignaledPeer aliceRtc = t.track(new LobbySignaledPeer(alice.client(), seed + 1));
            LobbySignaledPeer bobRtc = t.track(new LobbySignaledPeer(bob.client(), seed + 2));
            alice.client().joinQueue("duel", "eu", 1000, false).join();
            bob.client().joinQueue("duel", "eu", 1020, false).join();

            MatchInfo aliceMatch = next(alice.events().matches);
            MatchInfo bobMatch = next(bob.events().matches);
            assertThat(aliceMatch.host().dedicated()).isTrue();
            assertThat(aliceMatch.host().hostId()).isEqualTo(registration.hostId());
            assertThat(aliceMatch.host().userId()).isEqualTo(host.id());
            SeatReservation reservation = next(host.events().reservations);
            assertThat(reservation.matchId()).isEqualTo(aliceMatch.matchId());
            reservation.seats().forEach(seat -> expected.add(seat.userId()));
            assertThat(expected).containsExactlyInAnyOrder(alice.id(), bob.id());

            PlayerChannel aliceChannel = new PlayerChannel();
            PlayerChannel bobChannel = new PlayerChannel();
            var a = aliceRtc.connect(aliceMatch.host().userId(), aliceChannel).get(60, TimeUnit.SECONDS);
            var b = bobRtc.connect(bobMatch.host().userId(), bobChannel).get(60, TimeUnit.SECONDS);

            // Bob first presents a forged token (alice's, with his own user id it is someone else's
            // seat) and a tampered one: the host refuses both, then admits his real token.
            String aliceToken = aliceMatch.host().joinToken();
            String tampered = tamper(bobMatch.host().joinToken());
            sendOnLoop(b, "join:" + aliceToken);
            assertThat(bobChannel.next()).isEqualTo("denied:not your seat");
            sendOnLoop(b, "join:" + tampered);
            assertThat(bobChannel.next()).startsWith("denied:FORGED");
            sendOnLoop(b, "echo:before join");
            assertThat(bobChannel.next()).isEqualTo("denied:join first");

            sendOnLoop(a, "join:" + aliceToken);
            assertThat(aliceChannel.next()).isEqualTo("welcome:" + alice.id());
            sendOnLoop(b, "join:" + bobMatch.host().joinToken());
            assertThat(bobChannel.next()).isEqualTo("welcome:" + bob.id());
            // A token admits its seat once.
            sendOnLoop(b, "join:" + bobMatch.host().joinToken());
            assertThat(bobChannel.next()).isEqualTo("denied:seat already taken");

            sendOnLoop(a, "echo:hello from alice");
            sendOnLoop(b, "echo:hello from bob");
            assertThat(aliceChannel.next()).isEqualTo("hello from alice");
            assertThat(bobChannel.next()).isEqualTo("hello from bob");
            assertThat(admitted).containsExactlyInAnyOrder(alice.id(), bob.id());
            assertThat(hostRtc.signalingErrors()).isEmpty();
            assertThat(aliceRtc.signalingErrors()).isEmpty();
            assertThat(bobRtc.signalingErrors()).isEmpty();
        }
    }

    /** Peer-to-peer room mode: the room's host is a player who answers the other members' offers. */
    @Test
    void roomMembersOpenDataChannelsToThePlayerWhoHosts() throws Exception {
        long seed = System.nanoTime();
        System.out.println("LobbyWebRtcEndToEndTest p2p seed=" + seed);
        try (LobbyTestSupport t = new LobbyTestSupport()) {
            LobbyServer server = t.server(LobbyConfig.builder());
            var alice = t.player(server, "alice");
            var bob = t.player(server, "bob");
            var carol = t.player(server, "carol");
            var mallory = t.player(server, "mallory");
            LobbySignaledPeer aliceRtc = t.track(new LobbySignaledPeer(alice.client(), seed));
            LobbySignaledPeer bobRtc = t.track(new LobbySignaledPeer(bob.client(), seed + 1));
            LobbySignaledPeer carolRtc = t.track(new LobbySignaledPeer(carol.client(), seed + 2));
            LobbySignaledPeer malloryRtc = t.track(new LobbySignaledPeer(mallory.client(), seed + 3));

            RoomInfo room = alice.client().createRoom("alice hosts", false, 4, Map.of("mode", "p2p")).join();
            // Alice (the room host) answers anyone who is in her room right now.
            aliceRtc.acceptOffers(from -> {
                RoomInfo current = alice.client().currentRoom();
                return current != null && current.hasMember(from);
            }, (from, channel) -> new EchoChannel());
            RoomInfo joined = bob.client().joinRoomByCode(room.joinCode()).join();
            carol.client().joinRoomByCode(room.joinCode()).join();
            assertThat(joined.hostUserId()).isEqualTo(alice.id());
            RoomInfo full;
            do {
                full = next(alice.events().rooms);
            } while (full.members().size() < 3);

            PlayerChannel bobChannel = new PlayerChannel();
            PlayerChannel carolChannel = new PlayerChannel();
            var b = bobRtc.connect(joined.hostUserId(), bobChannel).get(60, TimeUnit.SECONDS);
            var c = carolRtc.connect(joined.hostUserId(), carolChannel).get(60, TimeUnit.SECONDS);
            sendOnLoop(b, "ping from bob");
            sendOnLoop(c, "ping from carol");
            assertThat(bobChannel.next()).isEqualTo("ping from bob");
            assertThat(carolChannel.next()).isEqualTo("ping from carol");

            // Someone outside the room cannot even deliver an offer: the lobby refuses the relay.
            malloryRtc.connect(alice.id(), new PlayerChannel());
            org.awaitility.Awaitility.await().atMost(30, TimeUnit.SECONDS)
                    .until(() -> malloryRtc.signalingErrors().stream().anyMatch(e -> e.contains("forbidden")));
            assertThat(aliceRtc.signalingErrors()).isEmpty();
            assertThat(bobRtc.signalingErrors()).isEmpty();
            assertThat(carolRtc.signalingErrors()).isEmpty();
        }
    }

    private static void sendOnLoop(LobbySignaledPeer.OpenChannel channel, String message) {
        channel.send(message);
    }

    /** The token with one character of its signature changed (not the last: it carries unused bits). */
    private static String tamper(String token) {
        char[] chars = token.toCharArray();
        int i = chars.length - 10;
        chars[i] = chars[i] == 'A' ? 'B' : 'A';
        return new String(chars);
    }

    /** Collects what the remote side sends back. */
    static final class PlayerChannel implements DataChannelListener {
        private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

        @Override
        public void onStringMessage(DataChannel channel, String message) {
            received.add(message);
        }

        String next() throws InterruptedException {
            String m = received.poll(30, TimeUnit.SECONDS);
            if (m == null) {
                throw new AssertionError("no data channel message within 30 s");
            }
            return m;
        }
    }

    /** The P2P host's game: echoes every message. */
    static final class EchoChannel implements DataChannelListener {
        @Override
        public void onStringMessage(DataChannel channel, String message) {
            channel.send(message);
        }
    }

    /**
     * The dedicated host's game protocol, just enough to prove the join-token handshake over the
     * open channel: {@code join:<token>} first, then {@code echo:<text>}.
     */
    static final class GameHostChannel implements DataChannelListener {
        private final String signaledFrom;
        private final JoinTokenVerifier verifier;
        private final Set<String> admitted;
        private boolean joined;

        GameHostChannel(String signaledFrom, JoinTokenVerifier verifier, Set<String> admitted) {
            this.signaledFrom = signaledFrom;
            this.verifier = verifier;
            this.admitted = admitted;
        }

        @Override
        public void onStringMessage(DataChannel channel, String message) {
            if (message.startsWith("join:")) {
                channel.send(join(message.substring(5)));
            } else if (message.startsWith("echo:")) {
                channel.send(joined ? message.substring(5) : "denied:join first");
            } else {
                channel.send("denied:unknown message");
            }
        }

        private String join(String token) {
            JoinClaims claims;
            try {
                claims = verifier.verify(token);
            } catch (TokenException e) {
                return "denied:" + e.reason() + " " + e.getMessage();
            }
            // The lobby vouches for who signaled (it sets `from`); the token must be that user's.
            if (!claims.userId().equals(signaledFrom)) {
                return "denied:not your seat";
            }
            if (!admitted.add(claims.userId())) {
                return "denied:seat already taken";
            }
            joined = true;
            return "welcome:" + claims.userId();
        }
    }
}
