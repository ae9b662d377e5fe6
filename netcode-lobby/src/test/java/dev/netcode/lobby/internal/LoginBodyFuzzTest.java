package dev.netcode.lobby.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The POST /login body parser on hostile input: ProtocolException or bounded string fields. */
class LoginBodyFuzzTest {
    @FuzzTest(maxDuration = "15s")
    void loginFieldsNeverFailOtherwise(byte[] input) {
        try {
            Map<String, String> fields = HttpApiHandler.loginFields(new String(input, StandardCharsets.UTF_8));
            assertThat(fields).hasSizeLessThanOrEqualTo(16);
            fields.forEach((k, v) -> {
                assertThat(k.length()).isLessThanOrEqualTo(64);
                assertThat(v.length()).isLessThanOrEqualTo(512);
            });
        } catch (ProtocolException expected) {
            assertThat(expected.code()).isEqualTo("bad_request");
        }
    }
}
