package dev.netcode.sample.net;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.netcode.core.internal.MalformedMessageException;
import dev.netcode.sample.sim.ArenaRules;

/** The client's parser of the host's Shots: bounded count, valid ids, finite bounded coordinates, or a typed failure. */
class ShotsFuzzTest {
    @FuzzTest(maxDuration = "15s")
    void shotsDecodeWithinLimitsOrFailTyped(byte[] body) {
        try {
            ArenaProtocol.Shots s = (ArenaProtocol.Shots) ArenaWireFixture.decodeAs(ArenaProtocol.Shots.class, body);
            int n = s.players.length / 2;
            ArenaFuzzChecks.check(n <= ArenaRules.MAX_PLAYERS && s.players.length == 2 * n
                    && s.segments.length == 4 * n && s.tick >= 0, "shots shape");
            for (int i = 0; i < n; i++) {
                ArenaFuzzChecks.check(s.players[2 * i] >= 0 && s.players[2 * i] < ArenaRules.MAX_PLAYERS, "shooter");
                ArenaFuzzChecks.check(s.players[2 * i + 1] >= -1 && s.players[2 * i + 1] < ArenaRules.MAX_PLAYERS, "hit");
            }
            for (float v : s.segments) {
                ArenaFuzzChecks.check(Math.abs(v) <= ArenaCodecs.MAX_COORDINATE, "coordinate " + v);
            }
        } catch (MalformedMessageException expected) {
            // typed rejection of hostile input
        }
    }
}
