package dev.netcode.sample.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netcode.sample.sim.ArenaRules;
import dev.netcode.sample.sim.PlayerView;
import org.junit.jupiter.api.Test;

class OfflineSessionTest {
    @Test
    void stepsAtTheFixedTickFromFrameTimeAndCapsCatchUp() {
        OfflineSession session = new OfflineSession(1, 2, "me", false);
        LocalControls controls = new LocalControls();
        session.update(ArenaRules.TICK_SECONDS * 3.5f, controls);
        assertThat(session.world().tick()).isEqualTo(3);
        session.update(ArenaRules.TICK_SECONDS * 0.5f, controls);
        assertThat(session.world().tick()).isEqualTo(4);
        session.update(10f, controls); // a stall: at most MAX_TICKS_PER_FRAME ticks
        assertThat(session.world().tick()).isEqualTo(4 + OfflineSession.MAX_TICKS_PER_FRAME);
    }

    @Test
    void localControlsMoveTheLocalPlayer() {
        OfflineSession session = new OfflineSession(1, 0, "me", false);
        GameView view = session.view();
        PlayerView me = view.findPlayer(view.localPlayerId());
        float x0 = me.x();
        LocalControls controls = new LocalControls();
        controls.moveX = 1f;
        controls.aimRadians = 1f;
        for (int i = 0; i < 30; i++) {
            session.update(ArenaRules.TICK_SECONDS, controls);
        }
        assertThat(me.x()).isGreaterThan(x0);
        assertThat(me.aimRadians()).isCloseTo(1f, org.assertj.core.data.Offset.offset(0.001f));
        assertThat(view.playerName(me.id())).isEqualTo("me");
        assertThat(session.networkStats().connected()).isFalse();
        assertThat(session.networkStats().statusText()).isEqualTo("offline");
    }

    @Test
    void shotsAreVisibleBrieflyThenDropped() {
        OfflineSession session = new OfflineSession(3, 3, "me", true);
        LocalControls controls = new LocalControls();
        int maxShots = 0;
        for (int i = 0; i < 20 * ArenaRules.TICK_RATE_HZ; i++) {
            session.update(ArenaRules.TICK_SECONDS, controls);
            maxShots = Math.max(maxShots, session.view().shotCount());
            for (int s = 0; s < session.view().shotCount(); s++) {
                assertThat(session.view().shotAgeSeconds(s)).isBetween(0f, 0.3f);
            }
        }
        assertThat(maxShots).isPositive();
    }
}
