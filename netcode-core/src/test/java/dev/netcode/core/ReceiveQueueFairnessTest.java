package dev.netcode.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netcode.core.testing.Pump;
import dev.netcode.core.testing.RecordingListener;
import dev.netcode.core.testing.TestMessages;
import dev.netcode.core.transport.memory.InMemoryNetwork;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One peer flooding the server's receive queue ends only its own connection. */
@Timeout(60)
class ReceiveQueueFairnessTest {
    private static final int MAX_PENDING = 64;
    private final InMemoryNetwork network = InMemoryNetwork.builder().build();

    @AfterEach
    void tearDown() {
        network.close();
    }

    @Test
    void aFloodingClientIsDisconnectedWhileAnHonestOneKeepsItsReliableMessages() {
        NetConfig config = NetConfig.builder("fair/1").maxPendingMessages(MAX_PENDING).build();
        RecordingListener serverEvents = new RecordingListener();
        RecordingListener flooderEvents = new RecordingListener();
        RecordingListener honestEvents = new RecordingListener();
        try (NetServer server = new NetServer(config, TestMessages.registry(), network.transport(), serverEvents);
                NetClient flooder = new NetClient(config, TestMessages.registry(), network.transport(), flooderEvents);
                NetClient honest = new NetClient(config, TestMessages.registry(), network.transport(), honestEvents)) {
            server.bind("fair");
            flooder.connect("fair");
            honest.connect("fair");
            Pump.until(Duration.ofSeconds(20), () -> flooder.isConnected() && honest.isConnected()
                    && serverEvents.connected.size() == 2, server::update, flooder::update, honest::update);

            // The game thread stalls (no server.update()) while one peer floods reliable messages.
            for (int i = 0; i < 4 * MAX_PENDING && flooder.isConnected(); i++) {
                flooder.send(new TestMessages.Counter(1, i), Channel.RELIABLE_ORDERED);
            }
            Pump.until(Duration.ofSeconds(20), () -> !flooder.isConnected(), flooder::update, honest::update);
            assertThat(flooderEvents.lastReason()).isEqualTo(DisconnectReason.RECEIVE_QUEUE_FULL);

            // The queue is past its bound, but the honest peer holds none of it.
            for (int i = 0; i < 5; i++) {
                honest.send(new TestMessages.Counter(2, i), Channel.RELIABLE_ORDERED);
            }
            Pump.until(Duration.ofSeconds(20), () -> serverEvents.messages(TestMessages.Counter.class).stream()
                    .filter(c -> c.stream == 2).count() == 5, server::update, honest::update);
            assertThat(honest.isConnected()).isTrue();
            assertThat(serverEvents.disconnected).extracting(RecordingListener.Disconnected::reason)
                    .containsExactly(DisconnectReason.RECEIVE_QUEUE_FULL);
            assertThat(serverEvents.messages(TestMessages.Counter.class).stream().filter(c -> c.stream == 1).count())
                    .as("the flooder's messages within the bound are still delivered").isEqualTo(MAX_PENDING);
        }
    }
}
