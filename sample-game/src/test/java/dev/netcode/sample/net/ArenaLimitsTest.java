package dev.netcode.sample.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.netcode.core.Channel;
import dev.netcode.core.Connection;
import dev.netcode.core.DisconnectReason;
import dev.netcode.core.NetClient;
import dev.netcode.core.NetListener;
import dev.netcode.core.transport.memory.InMemoryNetwork;
import dev.netcode.sample.sim.ArenaRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The host's limits against many and odd clients: at most {@link ArenaRules#MAX_PLAYERS} players
 * (the next connection is refused as SERVER_FULL), and names arrive cleaned and clipped to
 * {@link ArenaProtocol#MAX_NAME_CHARS}.
 */
class ArenaLimitsTest {
    @Test
    @Timeout(60)
    void theSeventeenthClientIsRefusedAndNamesAreClipped() {
        try (InMemoryNetwork network = InMemoryNetwork.builder().build()) {
            ArenaHost host = new ArenaHost(network.transport(), 3);
            host.bind("arena");
            Map<Integer, DisconnectReason> reasons = new ConcurrentHashMap<>();
            Map<Integer, ArenaProtocol.Roster> rosters = new ConcurrentHashMap<>();
            List<NetClient> clients = new ArrayList<>();
            GameLoop hostLoop = GameLoop.start("limits-host", 240, host::update);
            try {
                for (int i = 0; i <= ArenaRules.MAX_PLAYERS; i++) {
                    int index = i;
                    String name = "\u0001 player-" + i + "-with-a-name-far-too-long-for-the-board ";
                    NetClient c = new NetClient(ArenaProtocol.netConfig(), ArenaProtocol.registry(), network.transport(),
                            new NetListener() {
                                @Override
                                public void connected(Connection connection) {
                                    connection.send(new ArenaProtocol.Join(name, null), Channel.RELIABLE_ORDERED);
                                }

                                @Override
                                public void received(Connection connection, Object message, Channel channel) {
                                    if (message instanceof ArenaProtocol.Roster r) {
                                        rosters.put(index, r);
                                    }
                                }

                                @Override
                                public void disconnected(Connection connection, DisconnectReason reason) {
                                    reasons.put(index, reason);
                                }
                            });
                    clients.add(c);
                    c.connect("arena");
                    if (i < ArenaRules.MAX_PLAYERS) {
                        await().atMost(Duration.ofSeconds(20)).until(() -> {
                            c.update();
                            return host.playerCount() == index + 1;
                        });
                    }
                }
                NetClient last = clients.get(ArenaRules.MAX_PLAYERS);
                await().atMost(Duration.ofSeconds(20)).until(() -> {
                    clients.forEach(NetClient::update);
                    return reasons.containsKey(ArenaRules.MAX_PLAYERS);
                });
                assertThat(reasons.get(ArenaRules.MAX_PLAYERS)).isEqualTo(DisconnectReason.SERVER_FULL);
                assertThat(last.isConnected()).isFalse();
                assertThat(host.playerCount()).isEqualTo(ArenaRules.MAX_PLAYERS);
                await().atMost(Duration.ofSeconds(20)).until(() -> {
                    clients.forEach(NetClient::update);
                    ArenaProtocol.Roster r = rosters.get(0);
                    return r != null && r.names.length == ArenaRules.MAX_PLAYERS;
                });
                for (String n : rosters.get(0).names) {
                    assertThat(n).hasSizeLessThanOrEqualTo(ArenaProtocol.MAX_NAME_CHARS).startsWith("player-")
                            .doesNotContain("\u0001");
                }
            } finally {
                hostLoop.stop();
                clients.forEach(NetClient::close);
                host.close();
            }
        }
    }
}
