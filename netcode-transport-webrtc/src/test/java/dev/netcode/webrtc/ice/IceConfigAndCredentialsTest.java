package dev.netcode.webrtc.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class IceConfigAndCredentialsTest {

    @Test
    void generatedCredentialsMeetRfc8839() {
        Random random = new Random(7);
        for (int i = 0; i < 1000; i++) {
            IceCredentials c = IceCredentials.random(random);
            assertThat(c.ufrag()).hasSizeGreaterThanOrEqualTo(4).matches("[A-Za-z0-9+/]+");
            assertThat(c.password()).hasSizeGreaterThanOrEqualTo(22).matches("[A-Za-z0-9+/]+");
        }
        assertThat(IceCredentials.random().toString()).doesNotContain("password=" + "x").contains("<hidden>");
    }

    @Test
    void credentialsRejectShortOrInvalidValues() {
        assertThatThrownBy(() -> new IceCredentials("abc", "a".repeat(22))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IceCredentials("abcd", "a".repeat(21))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IceCredentials("ab:d", "a".repeat(22))).isInstanceOf(IllegalArgumentException.class);
        assertThat(new IceCredentials("ab+/", "a".repeat(22)).ufrag()).isEqualTo("ab+/");
    }

    @Test
    void configFailsFastOnNonsense() {
        assertThatThrownBy(() -> IceConfig.builder().checkIntervalMs(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IceConfig.builder().consentIntervalMs(5000).disconnectedTimeoutMs(4000).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("disconnectedTimeoutMs");
        assertThatThrownBy(() -> IceConfig.builder().disconnectedTimeoutMs(9000).failedTimeoutMs(8000).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IceConfig.builder().stunServers(
                java.util.List.of(java.net.InetSocketAddress.createUnresolved("stun.example", 3478))))
                .isInstanceOf(IllegalArgumentException.class);
        IceConfig defaults = IceConfig.builder().build();
        assertThat(defaults.checkIntervalMs()).isEqualTo(50);
        assertThat(defaults.lite()).isFalse();
        assertThat(defaults.toBuilder().lite(true).build().lite()).isTrue();
    }
}
