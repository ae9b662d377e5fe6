package dev.netcode.sample.net;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.netcode.core.internal.MalformedMessageException;
import dev.netcode.sample.sim.ArenaRules;

/** The client's parser of the host's Welcome: a valid player id and a bounded host name, or a typed failure. */
class WelcomeFuzzTest {
    @FuzzTest(maxDuration = "15s")
    void welcomeDecodesWithinLimitsOrFailsTyped(byte[] body) {
        try {
            ArenaProtocol.Welcome w = (ArenaProtocol.Welcome) ArenaWireFixture.decodeAs(ArenaProtocol.Welcome.class, body);
            ArenaFuzzChecks.check(w.playerId >= 0 && w.playerId < ArenaRules.MAX_PLAYERS, "player id " + w.playerId);
            ArenaFuzzChecks.text(w.hostName, ArenaProtocol.MAX_HOST_NAME_CHARS);
        } catch (MalformedMessageException expected) {
            // typed rejection of hostile input
        }
    }
}
