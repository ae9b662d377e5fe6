package dev.netcode.webrtc.dtls.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Handshake records are packed into flights; once established the flight buffer is released. */
class DatagramQueueTransportTest {
    private final List<Integer> sentSizes = new ArrayList<>();
    private final DatagramQueueTransport transport = new DatagramQueueTransport(
            (ByteBuffer d) -> sentSizes.add(d.remaining()), 8, 1200, 16_384);

    @Test
    void packsTheHandshakeFlightThenReleasesItsBufferInSynchronousMode() {
        transport.send(new byte[100], 0, 100);
        transport.send(new byte[200], 0, 200);
        assertThat(sentSizes).isEmpty(); // still packing the flight
        assertThat(transport.holdsFlightBuffer()).isTrue();

        transport.enterSynchronousMode();
        assertThat(sentSizes).containsExactly(300); // the pending flight left as one datagram
        assertThat(transport.holdsFlightBuffer()).isFalse();

        transport.send(new byte[5000], 0, 5000); // records now go out one by one, unpacked
        transport.flushFlight();
        transport.close();
        assertThat(sentSizes).containsExactly(300, 5000);
    }
}
