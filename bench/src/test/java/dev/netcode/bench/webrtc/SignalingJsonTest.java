package dev.netcode.bench.webrtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SignalingJsonTest {
    @Test
    void roundTripsDescriptionsWithEveryEscape() {
        String sdp = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\na=x:\"quoted\" \\ back\t\u0001\r\n";
        Map<String, String> parsed = SignalingJson.parseFlatObject(SignalingJson.description("offer", sdp));
        assertThat(parsed).containsExactly(Map.entry("type", "offer"), Map.entry("sdp", sdp));
        assertThat(SignalingJson.parseFlatObject(" { \"a\" : \"\\u00e9\\/\" , \"n\": 12, \"b\":true, \"z\":null } "))
                .containsEntry("a", "\u00e9/").containsEntry("n", "12").containsEntry("b", "true").containsEntry("z", "null");
        assertThat(SignalingJson.parseFlatObject("{}")).isEmpty();
    }

    @Test
    void refusesWhatItDoesNotUnderstand() {
        for (String bad : new String[] {"", "[]", "{", "{\"a\"}", "{\"a\":}", "{\"a\":\"x\"", "{\"a\":{}}",
                "{\"a\":[1]}", "{\"a\":\"\\q\"}", "{\"a\":\"\\u12\"}", "{\"a\":nope}", "{} trailing", "{\"a\":\"x\"\"b\":1}"}) {
            assertThatThrownBy(() -> SignalingJson.parseFlatObject(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
