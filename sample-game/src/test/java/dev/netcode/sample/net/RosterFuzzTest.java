package dev.netcode.sample.net;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.netcode.core.internal.MalformedMessageException;
import dev.netcode.sample.sim.ArenaRules;

/** The client's parser of the host's Roster: at most MAX_PLAYERS distinct ids with bounded names, or a typed failure. */
class RosterFuzzTest {
    @FuzzTest(maxDuration = "15s")
    void rosterDecodesWithinLimitsOrFailsTyped(byte[] body) {
        try {
            ArenaProtocol.Roster r = (ArenaProtocol.Roster) ArenaWireFixture.decodeAs(ArenaProtocol.Roster.class, body);
            ArenaFuzzChecks.check(r.ids.length == r.names.length && r.ids.length <= ArenaRules.MAX_PLAYERS,
                    "roster shape");
            int seen = 0;
            for (int i = 0; i < r.ids.length; i++) {
                ArenaFuzzChecks.check(r.ids[i] >= 0 && r.ids[i] < ArenaRules.MAX_PLAYERS, "id " + r.ids[i]);
                ArenaFuzzChecks.check((seen & (1 << r.ids[i])) == 0, "duplicate id");
                seen |= 1 << r.ids[i];
                ArenaFuzzChecks.check(r.names[i] != null, "null name");
                ArenaFuzzChecks.text(r.names[i], ArenaProtocol.MAX_NAME_CHARS);
            }
        } catch (MalformedMessageException expected) {
            // typed rejection of hostile input
        }
    }
}
