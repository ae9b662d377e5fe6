package dev.netcode.lobby.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/**
 * The WebSocket message decoder and the typed field readers on hostile input: a ProtocolException
 * or a value within its limits, nothing else.
 */
class JsonMessageFuzzTest {
    @FuzzTest(maxDuration = "15s")
    void parseNeverFailsOtherwise(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        ObjectNode message;
        try {
            message = Json.parseMessage(text);
        } catch (ProtocolException expected) {
            assertThat(expected.code()).isNotEmpty();
            return;
        }
        assertThat(message.get("type").isTextual()).isTrue();
        try {
            String to = Json.optionalText(message, "to", 64);
            assertThat(to == null || to.length() <= 64).isTrue();
            Json.integer(message, "maxPlayers", 4, 1, 64);
            Json.number(message, "skill", 0, -1e9, 1e9);
            Json.bool(message, "public", true);
            assertThat(Json.stringMap(message, "properties", 4, 8, 16, true)).hasSizeLessThanOrEqualTo(4);
        } catch (ProtocolException expected) {
            assertThat(expected.code()).isNotEmpty();
        }
    }
}
