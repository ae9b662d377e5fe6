package dev.netcode.webrtc.dtls.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplayWindowTest {
    @Test
    void acceptsNewRejectsReplaysAndTooOld() {
        ReplayWindow w = new ReplayWindow();
        assertThat(w.isFresh(0)).isTrue();
        w.markReceived(0);
        assertThat(w.isFresh(0)).isFalse();
        w.markReceived(5);
        assertThat(w.isFresh(5)).isFalse();
        assertThat(w.isFresh(3)).isTrue(); // reordered, inside the window
        w.markReceived(3);
        assertThat(w.isFresh(3)).isFalse();
        w.markReceived(100);
        assertThat(w.isFresh(37)).isTrue(); // 100 - 63
        assertThat(w.isFresh(36)).isFalse(); // 100 - 64: left of the window
        assertThat(w.isFresh(5)).isFalse();
        assertThat(w.isFresh((1L << 48) - 1)).isTrue();
    }

    @Test
    void checkingDoesNotMoveTheWindow() {
        ReplayWindow w = new ReplayWindow();
        w.markReceived(10);
        assertThat(w.isFresh(1_000_000)).isTrue(); // a forged record is only checked, never marked
        assertThat(w.isFresh(9)).isTrue();
    }

    @Test
    void farJumpClearsTheBitmap() {
        ReplayWindow w = new ReplayWindow();
        for (long s = 0; s < 64; s++) {
            w.markReceived(s);
        }
        w.markReceived(1000);
        assertThat(w.isFresh(999)).isTrue();
        assertThat(w.isFresh(1000)).isFalse();
    }
}
