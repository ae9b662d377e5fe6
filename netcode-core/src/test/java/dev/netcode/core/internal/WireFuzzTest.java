package dev.netcode.core.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.netcode.core.testing.TestMessages;
import java.nio.ByteBuffer;

/**
 * Every decoder of bytes a remote peer sends (handshake, goodbye, registrations, ping/pong, and
 * application messages through Kryo): only {@link MalformedMessageException} may escape.
 */
class WireFuzzTest {
    private static final KryoCodec CODEC = TestMessages.registry().codecForCurrentThread();

    @FuzzTest(maxDuration = "15s")
    void decodersOnlyThrowTheirTypedException(byte[] input) {
        if (input.length == 0) {
            return;
        }
        ByteBuffer body = ByteBuffer.wrap(input, 1, input.length - 1);
        try {
            switch (input[0] & 7) {
                case 0 -> Wire.readHello(body);
                case 1 -> Wire.readWelcome(body);
                case 2 -> Wire.readRegistrations(body);
                case 3 -> Wire.readGoodbye(body);
                case 4 -> Wire.readPong(body);
                case 5 -> Wire.pongFor(body, 0, new int[1]);
                default -> CODEC.readRemoteMessage(body);
            }
        } catch (MalformedMessageException expected) {
            // typed rejection of hostile input
        }
    }
}
