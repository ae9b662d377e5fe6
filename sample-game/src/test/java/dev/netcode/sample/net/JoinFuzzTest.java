package dev.netcode.sample.net;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.netcode.core.internal.MalformedMessageException;

/**
 * The host's parser of a client's Join (name and lobby token): hostile bytes only ever fail with
 * core's typed {@link MalformedMessageException}, and what decodes respects the limits.
 */
class JoinFuzzTest {
    @FuzzTest(maxDuration = "15s")
    void joinDecodesWithinLimitsOrFailsTyped(byte[] body) {
        try {
            Object m = ArenaWireFixture.decodeAs(ArenaProtocol.Join.class, body);
            ArenaProtocol.Join join = (ArenaProtocol.Join) m;
            ArenaFuzzChecks.text(join.name, ArenaProtocol.MAX_NAME_CHARS);
            ArenaFuzzChecks.text(join.joinToken, ArenaProtocol.MAX_TOKEN_CHARS);
        } catch (MalformedMessageException expected) {
            // typed rejection of hostile input
        }
    }
}
