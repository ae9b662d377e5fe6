package dev.netcode.webrtc.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/** The signaling payload parser on hostile input: a SignalFormatException or a signal that round-trips. */
class SignalFuzzTest {

    @FuzzTest(maxDuration = "15s")
    void decodeNeverFailsOtherwise(byte[] input) {
        String payload = new String(input, StandardCharsets.UTF_8);
        Signal parsed;
        try {
            parsed = Signal.decode(payload);
        } catch (SignalFormatException expected) {
            return;
        }
        try {
            assertThat(Signal.decode(parsed.encode())).isEqualTo(parsed);
        } catch (SignalFormatException e) {
            throw new AssertionError("re-encoded signal does not parse: " + parsed, e);
        }
    }
}
