package dev.netcode.sample.playtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netcode.core.conditioner.LinkPreset;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The default playtest: embedded lobby, registered host, bots matched with join tokens. And the
 * regression test for "./netcode playtest --signaling lobby: bots time out in the WebRTC
 * handshake": 8 bots signaled through the embedded lobby on loopback must all connect, even with
 * a handshake pool of only 4 threads per side. Before the host had its own DTLS handshake pool,
 * the bots' blocking client handshakes could take every thread of the shared pool while the
 * host's server handshakes, which they wait for, sat in its queue (see LoopbackWebRtc).
 */
@Tag("slow")
class LobbyPlaytestTest {
    @Test
    @Timeout(120)
    void eightBotsSignaledThroughTheLobbyAllConnect() throws Exception {
        long seed = 31;
        System.out.println("seed " + seed);
        PlaytestResult result;
        try (PlaytestNetwork net = new LobbyPlaytestNetwork(LinkPreset.LAN, seed, 8, 4)) {
            result = new Playtest(net, 8, 3, seed, "lan", false).run(System.out::println);
        }
        System.out.print(PlaytestReport.table(result));
        assertThat(result.clients()).hasSize(8);
        for (var c : result.clients()) {
            assertThat(c.connected()).as(c.name() + ": " + c.disconnectReason() + " " + c.disconnectDetail()).isTrue();
            assertThat(c.snapshotsReceived()).as(c.name()).isPositive();
            assertThat(c.inputTicks()).as(c.name()).isPositive();
        }
        assertThat(result.passed()).as(result.problems().toString()).isTrue();
        assertThat(result.signaling()).isEqualTo("lobby");
        assertThat(result.host().players()).isEqualTo(8);
    }
}
