package dev.netcode.webrtc.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The optional in-memory warm-up runs real handshakes and leaves nothing behind. */
@Timeout(120)
class DtlsWarmUpTest {

    @Test
    void runsTheRequestedHandshakesAndFreesTheExecutor() throws Exception {
        try (DtlsHandshakeExecutor executor = DtlsHandshakeExecutor.create(2, 8)) {
            int ok = DtlsWarmUp.start(executor, DtlsConfig.defaults(), 5).get(100, TimeUnit.SECONDS);
            assertThat(ok).isEqualTo(5);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (executor.activeHandshakes() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(executor.activeHandshakes()).isZero();
        }
    }

    @Test
    void refusesAnAbsurdCount() {
        try (DtlsHandshakeExecutor executor = DtlsHandshakeExecutor.create(1, 1)) {
            assertThatThrownBy(() -> DtlsWarmUp.start(executor, DtlsConfig.defaults(), -1))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
