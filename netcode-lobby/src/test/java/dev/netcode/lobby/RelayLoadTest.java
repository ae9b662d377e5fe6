package dev.netcode.lobby;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netcode.lobby.client.LobbyClient;
import dev.netcode.lobby.client.LobbyListener;
import dev.netcode.lobby.client.RoomInfo;
import dev.netcode.lobby.client.SignalMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A small relay load: pairs of real clients in rooms, each sending timestamped signals to its
 * partner. Asserts every message arrives; prints sessions, relayed messages per second and p99
 * relay latency (client to client through the lobby) for the record.
 */
@Tag("slow")
class RelayLoadTest {
    private static final int PAIRS = 40;
    private static final int MESSAGES_PER_SENDER = 100;

    @Test
    void everySignalArrivesUnderLoad() throws Exception {
        try (LobbyTestSupport t = new LobbyTestSupport()) {
            LobbyServer server = t.server(LobbyConfig.builder().messageRate(1000, 1000).loginRate(100_000, 10_000));
            int total = PAIRS * 2 * MESSAGES_PER_SENDER;
            long[] latenciesNs = new long[total];
            AtomicInteger received = new AtomicInteger();
            CountDownLatch done = new CountDownLatch(total);
            LobbyListener listener = new LobbyListener() {
                @Override
                public void onSignal(SignalMessage signal) {
                    long sentNs = Long.parseLong(signal.payload().substring(0, signal.payload().indexOf(' ')));
                    int i = received.getAndIncrement();
                    if (i < total) {
                        latenciesNs[i] = System.nanoTime() - sentNs;
                    }
                    done.countDown();
                }
            };
            List<LobbyClient[]> pairs = new ArrayList<>();
            for (int p = 0; p < PAIRS; p++) {
                LobbyClient a = t.track(LobbyClient.connect(server.httpUri(), Map.of("method", "guest"), listener).get(60, TimeUnit.SECONDS));
                LobbyClient b = t.track(LobbyClient.connect(server.httpUri(), Map.of("method", "guest"), listener).get(60, TimeUnit.SECONDS));
                RoomInfo room = a.createRoom(null, false, 2, Map.of()).join();
                b.joinRoomByCode(room.joinCode()).join();
                pairs.add(new LobbyClient[] {a, b});
            }
            String padding = "a=candidate:1 1 udp 2122260223 192.0.2.1 54321 typ host generation 0";
            long start = System.nanoTime();
            List<CompletableFuture<Void>> sends = new ArrayList<>();
            for (int m = 0; m < MESSAGES_PER_SENDER; m++) {
                for (LobbyClient[] pair : pairs) {
                    sends.add(pair[0].signal(pair[1].userId(), "candidate", System.nanoTime() + " " + padding));
                    sends.add(pair[1].signal(pair[0].userId(), "candidate", System.nanoTime() + " " + padding));
                }
            }
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
            assertThat(done.await(120, TimeUnit.SECONDS)).isTrue();
            double seconds = (System.nanoTime() - start) / 1e9;
            Arrays.sort(latenciesNs);
            double p99Ms = latenciesNs[(int) (total * 0.99) - 1] / 1e6;
            System.out.printf("{\"sessions\":%d,\"relayed\":%d,\"messagesPerSecond\":%.0f,\"p50RelayMs\":%.2f,\"p99RelayMs\":%.2f}%n",
                    server.connectionCount(), total, total / seconds, latenciesNs[total / 2] / 1e6, p99Ms);
            assertThat(received.get()).isEqualTo(total);
        }
    }
}
