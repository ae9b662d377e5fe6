package dev.netcode.webrtc.impairment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImpairmentConfigTest {

    @Test
    void presetsCarryTheDocumentedFigures() {
        assertThat(ImpairmentConfig.presetNames())
                .containsExactly("none", "lan", "broadband-p50", "broadband-p95", "4g-p95", "unplayable");
        assertFigures(ImpairmentConfig.preset("lan"), 1, 0, 0);
        assertFigures(ImpairmentConfig.preset("broadband-p50"), 66, 11, 3);
        assertFigures(ImpairmentConfig.preset("broadband-p95"), 151, 11, 4);
        assertFigures(ImpairmentConfig.preset("4g-p95"), 185, 15, 6);
        assertFigures(ImpairmentConfig.preset("UNPLAYABLE"), 300, 400, 30);
        assertThat(ImpairmentConfig.preset("none").isTransparent()).isTrue();
        assertThat(ImpairmentConfig.preset("lan").isTransparent()).isFalse();
    }

    private static void assertFigures(ImpairmentConfig config, int delayMs, int jitterMs, double dropPercent) {
        assertThat(config.delayMs()).isEqualTo(delayMs);
        assertThat(config.jitterMs()).isEqualTo(jitterMs);
        assertThat(config.dropPercent()).isEqualTo(dropPercent);
        assertThat(config.duplicatePercent()).isZero();
        assertThat(config.reorderPercent()).isZero();
    }

    @Test
    void unknownPresetNamesTheKnownOnes() {
        assertThatThrownBy(() -> ImpairmentConfig.preset("dialup"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dialup").hasMessageContaining("broadband-p50");
    }

    @Test
    void invalidValuesFailFastNamingTheField() {
        ImpairmentConfig base = ImpairmentConfig.none();
        assertThatThrownBy(() -> base.withDropPercent(-1)).hasMessageContaining("dropPercent");
        assertThatThrownBy(() -> base.withDropPercent(100.5)).hasMessageContaining("dropPercent");
        assertThatThrownBy(() -> base.withDuplicatePercent(Double.NaN)).hasMessageContaining("duplicatePercent");
        assertThatThrownBy(() -> base.withReorderPercent(101)).hasMessageContaining("reorderPercent");
        assertThatThrownBy(() -> base.withDelayMs(-5)).hasMessageContaining("delayMs");
        assertThatThrownBy(() -> base.withDelayMs(ImpairmentConfig.MAX_DELAY_MS + 1)).hasMessageContaining("delayMs");
        assertThatThrownBy(() -> base.withJitterMs(-1)).hasMessageContaining("jitterMs");
        assertThatThrownBy(() -> base.withReorderHoldMs(0)).hasMessageContaining("reorderHoldMs");
        assertThatThrownBy(() -> base.withMaxQueuedDatagrams(0)).hasMessageContaining("maxQueuedDatagrams");
        assertThatThrownBy(() -> base.withMaxQueuedBytes(1000)).hasMessageContaining("maxQueuedBytes");
    }

    @Test
    void withersChangeOneFieldOnly() {
        ImpairmentConfig config = ImpairmentConfig.preset("broadband-p50").withSeed(7).withReorderPercent(5)
                .withDuplicatePercent(2).withMaxQueuedDatagrams(10).withReorderHoldMs(20);
        assertThat(config).isEqualTo(new ImpairmentConfig(3, 2, 5, 66, 11, 20, 10,
                ImpairmentConfig.DEFAULT_MAX_QUEUED_BYTES, 7));
        assertThat(config.toString()).contains("drop 3.0%", "66±11 ms", "seed 7");
    }
}
