package dev.netcode.lobby.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netcode.lobby.LobbyConfig;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class LimitersTest {
    @Test
    void tokenBucketAllowsBurstThenRate() {
        TokenBucket bucket = new TokenBucket(10, 3, 0);
        assertThat(bucket.tryTake(0)).isTrue();
        assertThat(bucket.tryTake(0)).isTrue();
        assertThat(bucket.tryTake(0)).isTrue();
        assertThat(bucket.tryTake(0)).isFalse();
        assertThat(bucket.tryTake(50_000_000)).isFalse();   // 0.5 token after 50 ms
        assertThat(bucket.tryTake(100_000_000)).isTrue();   // 1 token after 100 ms
        assertThat(bucket.isFull(10_000_000_000L)).isTrue();
    }

    @Test
    void loginLimiterIsPerAddressAndBounded() throws Exception {
        LoginLimiter limiter = new LoginLimiter(60, 1, 2);
        InetAddress a = InetAddress.getByName("192.0.2.1");
        InetAddress b = InetAddress.getByName("192.0.2.2");
        InetAddress c = InetAddress.getByName("192.0.2.3");
        assertThat(limiter.tryAcquire(a, 0)).isTrue();
        assertThat(limiter.tryAcquire(a, 0)).isFalse();
        assertThat(limiter.tryAcquire(b, 0)).isTrue();
        // Table full of active addresses: a new one is refused rather than growing the table.
        assertThat(limiter.tryAcquire(c, 0)).isFalse();
        // Once the others have refilled (idle), they are evicted and c gets a bucket.
        assertThat(limiter.tryAcquire(c, 2_000_000_000L)).isTrue();
    }

    @Test
    void configFailsFastOnBadValues() {
        assertThatThrownBy(() -> LobbyConfig.builder().tokenKey(new byte[8]).build()).hasMessageContaining("tokenKey");
        assertThatThrownBy(() -> LobbyConfig.builder().maxFrameBytes(2000).maxSignalPayloadBytes(4000).build())
                .hasMessageContaining("maxFrameBytes");
        assertThatThrownBy(() -> LobbyConfig.builder().hostHeartbeat(5000, 5000).build()).hasMessageContaining("hostTimeoutMs");
        assertThatThrownBy(() -> LobbyConfig.builder().messageRate(0, 1).build()).isInstanceOf(IllegalArgumentException.class);
    }
}
