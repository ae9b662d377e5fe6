package dev.netcode.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netcode.core.testing.Pump;
import dev.netcode.core.testing.RecordingListener;
import dev.netcode.core.testing.TestMessages;
import dev.netcode.core.testing.TestMessages.Blob;
import dev.netcode.core.testing.TestMessages.Counter;
import dev.netcode.core.testing.TestMessages.Text;
import dev.netcode.core.transport.MessageTooLargeException;
import dev.netcode.core.transport.memory.InMemoryNetwork;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class NetEndpointTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final InMemoryNetwork network = InMemoryNetwork.builder().maxMessageSizeBytes(4096).build();
    private final RecordingListener serverEvents = new RecordingListener();
    private final RecordingListener clientEvents = new RecordingListener();
    private NetServer server;
    private NetClient client;

    @AfterEach
    void tearDown() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
        network.close();
    }

    private void start(NetConfig serverConfig, MessageRegistry serverRegistry, NetConfig clientConfig, MessageRegistry clientRegistry) {
        server = new NetServer(serverConfig, serverRegistry, network.transport(), serverEvents);
        server.bind("arena");
        client = new NetClient(clientConfig, clientRegistry, network.transport(), clientEvents);
        client.connect("arena");
    }

    private void startDefault() {
        NetConfig config = NetConfig.builder("test-game/1").build();
        start(config, TestMessages.registry(), config, TestMessages.registry());
        pumpUntil(() -> serverEvents.connected.size() == 1 && clientEvents.connected.size() == 1);
    }

    private void pumpUntil(java.util.function.BooleanSupplier condition) {
        Pump.until(WAIT, condition, server::update, client::update);
    }

    @Test
    void connectsAndExchangesMessagesOnEveryChannel() {
        startDefault();
        assertThat(client.isConnected()).isTrue();
        assertThat(server.connections()).hasSize(1);
        for (Channel channel : Channel.values()) {
            assertThat(client.send(new Text("to server on " + channel), channel)).isTrue();
            assertThat(server.sendToAll(new Text("to client on " + channel), channel)).isEqualTo(1);
        }
        pumpUntil(() -> serverEvents.received.size() == 3 && clientEvents.received.size() == 3);
        assertThat(serverEvents.messages(Text.class)).extracting(t -> t.text)
                .containsExactlyInAnyOrder("to server on RELIABLE_ORDERED", "to server on UNRELIABLE_SEQUENCED",
                        "to server on UNRELIABLE");
        assertThat(clientEvents.received).allSatisfy(r ->
                assertThat(((Text) r.message()).text).isEqualTo("to client on " + r.channel()));
        assertThat(client.connection().stats().messagesOut()).isEqualTo(3);
        assertThat(server.connections().get(0).stats().messagesIn()).isEqualTo(3);
    }

    @Test
    void callbacksArriveOnlyOnTheThreadThatCallsUpdate() throws Exception {
        NetConfig config = NetConfig.builder("test-game/1").build();
        start(config, TestMessages.registry(), config, TestMessages.registry());
        // Without update() nothing is delivered, although the handshake completes on network threads.
        Pump.until(WAIT, () -> client.isConnected());
        Thread.sleep(100);
        assertThat(serverEvents.threads).isEmpty();
        assertThat(clientEvents.threads).isEmpty();

        // A dedicated "render thread" drains both endpoints; every callback must run on it.
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread game = new Thread(() -> {
            try {
                Pump.until(WAIT, () -> serverEvents.connected.size() == 1 && clientEvents.connected.size() == 1,
                        server::update, client::update);
                for (int i = 0; i < 50; i++) {
                    client.send(new Counter(0, i), Channel.RELIABLE_ORDERED);
                    server.sendToAll(new Counter(1, i), Channel.UNRELIABLE);
                }
                Pump.until(WAIT, () -> serverEvents.received.size() == 50 && clientEvents.received.size() == 50,
                        server::update, client::update);
                client.close();
                Pump.until(WAIT, () -> serverEvents.disconnected.size() == 1 && clientEvents.disconnected.size() == 1,
                        server::update, client::update);
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "render-thread");
        game.start();
        game.join();
        assertThat(failure.get()).isNull();
        assertThat(serverEvents.threads).hasSize(52).allMatch(t -> t == game);
        assertThat(clientEvents.threads).hasSize(52).allMatch(t -> t == game);
        assertThat(serverEvents.lastReason()).isEqualTo(DisconnectReason.PEER_CLOSED);
        assertThat(clientEvents.lastReason()).isEqualTo(DisconnectReason.CLOSED);
    }

    @Test
    void directDeliveryRunsOnNetworkThreadsWithoutUpdate() {
        NetConfig config = NetConfig.builder("test-game/1").deliverOnNetworkThread(true).build();
        start(config, TestMessages.registry(), config, TestMessages.registry());
        Pump.until(WAIT, () -> serverEvents.connected.size() == 1 && clientEvents.connected.size() == 1);
        client.send(new Text("hi"), Channel.RELIABLE_ORDERED);
        Pump.until(WAIT, () -> serverEvents.received.size() == 1);
        assertThat(serverEvents.threads).allMatch(t -> t != Thread.currentThread());
    }

    @Test
    void reliableMessagesArriveExactlyOnceInOrder() {
        startDefault();
        for (int i = 0; i < 2000; i++) {
            client.send(new Counter(0, i), Channel.RELIABLE_ORDERED);
        }
        pumpUntil(() -> serverEvents.received.size() >= 2000);
        assertThat(serverEvents.messages(Counter.class)).extracting(c -> c.value)
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 2000).boxed().toList());
    }

    @Test
    void registrationMismatchIsReportedOnBothSidesNamingTheFirstDifference() {
        NetConfig config = NetConfig.builder("test-game/1").build();
        MessageRegistry serverRegistry = MessageRegistry.builder().register(Text.class).register(Counter.class).build();
        MessageRegistry clientRegistry = MessageRegistry.builder().register(Text.class).register(Blob.class).build();
        start(config, serverRegistry, config, clientRegistry);
        pumpUntil(() -> serverEvents.disconnected.size() == 1 && clientEvents.disconnected.size() == 1);
        for (RecordingListener events : new RecordingListener[] {serverEvents, clientEvents}) {
            RecordingListener.Disconnected d = events.disconnected.get(0);
            assertThat(d.reason()).isEqualTo(DisconnectReason.REGISTRATION_MISMATCH);
            assertThat(d.detail()).contains("#1").contains(Counter.class.getName()).contains(Blob.class.getName());
            assertThat(d.connection().wasConnected()).isFalse();
        }
        assertThat(serverEvents.connected).isEmpty();
        assertThat(clientEvents.connected).isEmpty();
    }

    @Test
    void versionMismatchIsReportedOnBothSides() {
        start(NetConfig.builder("test-game/1").build(), TestMessages.registry(),
                NetConfig.builder("test-game/1").protocolVersion(NetConfig.PROTOCOL_VERSION + 1).build(),
                TestMessages.registry());
        pumpUntil(() -> serverEvents.disconnected.size() == 1 && clientEvents.disconnected.size() == 1);
        assertThat(serverEvents.lastReason()).isEqualTo(DisconnectReason.VERSION_MISMATCH);
        assertThat(clientEvents.lastReason()).isEqualTo(DisconnectReason.VERSION_MISMATCH);
        assertThat(clientEvents.disconnected.get(0).detail()).contains("protocol " + NetConfig.PROTOCOL_VERSION)
                .contains("client " + (NetConfig.PROTOCOL_VERSION + 1));
    }

    @Test
    void applicationMismatchIsReportedOnBothSides() {
        start(NetConfig.builder("arena/2").build(), TestMessages.registry(),
                NetConfig.builder("arena/1").build(), TestMessages.registry());
        pumpUntil(() -> serverEvents.disconnected.size() == 1 && clientEvents.disconnected.size() == 1);
        assertThat(serverEvents.lastReason()).isEqualTo(DisconnectReason.APPLICATION_MISMATCH);
        assertThat(clientEvents.lastReason()).isEqualTo(DisconnectReason.APPLICATION_MISMATCH);
        assertThat(clientEvents.disconnected.get(0).detail()).contains("arena/2").contains("arena/1");
    }

    @Test
    void kickIsReportedOnBothSidesWithTheReasonText() {
        startDefault();
        server.connections().get(0).kick("cheating");
        pumpUntil(() -> serverEvents.disconnected.size() == 1 && clientEvents.disconnected.size() == 1);
        assertThat(serverEvents.lastReason()).isEqualTo(DisconnectReason.KICKED);
        assertThat(clientEvents.lastReason()).isEqualTo(DisconnectReason.KICKED);
        assertThat(clientEvents.disconnected.get(0).detail()).isEqualTo("cheating");
        assertThat(server.connections()).isEmpty();
    }

    @Test
    void serverFullRefusesTheExtraClient() {
        NetConfig config = NetConfig.builder("test-game/1").maxConnections(1).build();
        start(config, TestMessages.registry(), config, TestMessages.registry());
        pumpUntil(() -> serverEvents.connected.size() == 1 && clientEvents.connected.size() == 1);
        RecordingListener secondEvents = new RecordingListener();
        try (NetClient second = new NetClient(config, TestMessages.registry(), network.transport(), secondEvents)) {
            second.connect("arena");
            Pump.until(WAIT, () -> secondEvents.disconnected.size() == 1, server::update, second::update);
            assertThat(secondEvents.lastReason()).isEqualTo(DisconnectReason.SERVER_FULL);
        }
    }

    @Test
    void connectToNothingFailsWithConnectFailed() {
        client = new NetClient(NetConfig.builder("test-game/1").build(), TestMessages.registry(),
                network.transport(), clientEvents);
        client.connect("nowhere");
        Pump.until(WAIT, () -> clientEvents.disconnected.size() == 1, client::update);
        assertThat(clientEvents.lastReason()).isEqualTo(DisconnectReason.CONNECT_FAILED);
        assertThat(clientEvents.disconnected.get(0).detail()).contains("nowhere");
    }

    @Test
    void oversizedAndUnregisteredMessagesFailOnTheSendingSideWithTypedErrors() {
        startDefault();
        assertThatThrownBy(() -> client.send(new Blob(new byte[5000]), Channel.RELIABLE_ORDERED))
                .isInstanceOf(MessageTooLargeException.class)
                .satisfies(e -> assertThat(((MessageTooLargeException) e).maxSizeBytes()).isEqualTo(4096));
        assertThatThrownBy(() -> client.send(new TestMessages.Unregistered(), Channel.RELIABLE_ORDERED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unregistered");
        // The connection survives both.
        assertThat(client.send(new Text("still here"), Channel.RELIABLE_ORDERED)).isTrue();
        pumpUntil(() -> serverEvents.received.size() == 1);
    }

    @Test
    void configFailsFast() {
        assertThatThrownBy(() -> NetConfig.builder("").build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NetConfig.builder("x").keepAliveIntervalMs(1000).timeoutMs(2000).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeoutMs");
        assertThatThrownBy(() -> NetConfig.builder("x".repeat(65)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("applicationId");
    }
}
