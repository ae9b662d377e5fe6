package dev.netcode.sample.lobby;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * How {@link LobbySignaling} maps transport payloads to the lobby's signal kinds. The arena over
 * WebRTC signaled through the lobby is covered end to end by LobbyPlaytestTest (8 bots),
 * JoinTokenCheckTest and LobbyHostProcessTest.
 */
class LobbySignalingTest {
    @Test
    void kindIsTakenFromTheTransportPayload() {
        assertThat(LobbySignaling.kindOf("{\"v\":\"1\",\"type\":\"offer\",\"conn\":\"a\"}")).isEqualTo("offer");
        assertThat(LobbySignaling.kindOf("{\"v\":\"1\",\"type\":\"answer\"}")).isEqualTo("answer");
        assertThat(LobbySignaling.kindOf("{\"v\":\"1\",\"type\":\"bye\"}")).isEqualTo("bye");
        assertThat(LobbySignaling.kindOf("{\"type\":\"offerx\"}")).isEqualTo("candidate");
        assertThat(LobbySignaling.kindOf("garbage")).isEqualTo("candidate");
    }
}
