package dev.netcode.sample.lobby;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netcode.lobby.QueueConfig;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** How command-line lobby URLs and WebRTC transport addresses are read. */
class ArenaLobbyTest {
    @Test
    void everySpellingOfALobbyUrlNamesItsHttpBase() {
        URI expected = URI.create("http://lobby.example:7350");
        assertThat(ArenaLobby.baseUri("ws://lobby.example:7350")).isEqualTo(expected);
        assertThat(ArenaLobby.baseUri("ws://lobby.example:7350/ws")).isEqualTo(expected);
        assertThat(ArenaLobby.baseUri("http://lobby.example:7350/")).isEqualTo(expected);
        assertThat(ArenaLobby.baseUri("lobby.example:7350")).isEqualTo(expected);
        assertThat(ArenaLobby.baseUri("wss://lobby.example")).isEqualTo(URI.create("https://lobby.example"));
        assertThat(ArenaLobby.baseUri("ws://[::1]:7350")).isEqualTo(URI.create("http://[::1]:7350"));
        assertThatThrownBy(() -> ArenaLobby.baseUri("ftp://lobby.example:21")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void arenaQueueMatchesOneToMaxPlayersOnADedicatedHost() {
        QueueConfig q = ArenaLobby.queue(16);
        assertThat(q.mode()).isEqualTo(ArenaLobby.MODE);
        assertThat(q.minPlayers()).isEqualTo(1);
        assertThat(q.maxPlayers()).isEqualTo(16);
        assertThat(q.hostMode()).isEqualTo(QueueConfig.HostMode.DEDICATED);
    }

    @Test
    void peerIdIsReadFromWebRtcTransportAddressesOnly() {
        assertThat(SeatVerifier.peerIdOf("webrtc:guest-0123456789abcdef/9f2c01@/127.0.0.1:5000"))
                .isEqualTo("guest-0123456789abcdef");
        assertThat(SeatVerifier.peerIdOf("webrtc:guest-01/9f2c01")).isEqualTo("guest-01");
        assertThat(SeatVerifier.peerIdOf("webrtc:no-slash")).isNull();
        assertThat(SeatVerifier.peerIdOf("memory:7")).isNull();
        assertThat(SeatVerifier.peerIdOf(null)).isNull();
    }
}
