package dev.netcode.webrtc.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netcode.core.testing.Pump;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LoopbackSignalingTest {

    @Test
    void deliversInOrderWithTheSendersId() throws Exception {
        try (LoopbackSignaling hub = new LoopbackSignaling()) {
            LoopbackSignaling.Endpoint a = hub.endpoint("a");
            LoopbackSignaling.Endpoint b = hub.endpoint("b");
            List<String> got = new CopyOnWriteArrayList<>();
            b.setListener((from, payload) -> got.add(from + ":" + payload));
            for (int i = 0; i < 100; i++) {
                a.send("b", Integer.toString(i)).get(5, TimeUnit.SECONDS);
            }
            Pump.until(Duration.ofSeconds(10), () -> got.size() == 100);
            for (int i = 0; i < 100; i++) {
                assertThat(got.get(i)).isEqualTo("a:" + i);
            }
        }
    }

    @Test
    void refusesWhatALobbyRelayWouldRefuse() throws Exception {
        try (LoopbackSignaling hub = new LoopbackSignaling(1024, 16)) {
            LoopbackSignaling.Endpoint a = hub.endpoint("a");
            hub.endpoint("b");
            assertThatThrownBy(() -> hub.endpoint("a")).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> a.send("nobody", "x").get()).isInstanceOf(ExecutionException.class)
                    .hasMessageContaining("offline");
            assertThatThrownBy(() -> a.send("b", "x".repeat(1025)).get()).isInstanceOf(ExecutionException.class)
                    .hasMessageContaining("exceeds");
            a.close();
            LoopbackSignaling.Endpoint again = hub.endpoint("a"); // the id is free after close
            assertThat(again.localPeerId()).isEqualTo("a");
        }
    }
}
