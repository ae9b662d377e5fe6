package dev.netcode.bench.webrtc;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/** The signaling JSON arrives over HTTP from anyone: only IllegalArgumentException may escape. */
class SignalingJsonFuzzTest {
    @FuzzTest(maxDuration = "15s")
    void parseFlatObject(byte[] input) {
        try {
            SignalingJson.parseFlatObject(new String(input, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException expected) {
            // the parser's typed error
        }
    }
}
