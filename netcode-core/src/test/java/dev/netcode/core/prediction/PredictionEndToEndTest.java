package dev.netcode.core.prediction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netcode.core.Channel;
import dev.netcode.core.Connection;
import dev.netcode.core.MessageRegistry;
import dev.netcode.core.NetClient;
import dev.netcode.core.NetConfig;
import dev.netcode.core.NetListener;
import dev.netcode.core.NetServer;
import dev.netcode.core.conditioner.LinkProfile;
import dev.netcode.core.prediction.PredictionTestModel.Body;
import dev.netcode.core.prediction.PredictionTestModel.Move;
import dev.netcode.core.transport.Transport;
import dev.netcode.core.transport.Transports;
import dev.netcode.core.transport.memory.InMemoryNetwork;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The wiring a game uses, on real endpoints and wall-clock time: {@link ServerInputs#handle} and
 * {@link ServerInputs#sendState} on a {@link NetServer}, {@link PredictedClient#tick(Object, NetClient)}
 * and {@link PredictedClient#handle} on a {@link NetClient}, over the in-memory transport and the
 * link conditioner (100 ms RTT, 5 % loss). The timing figures are covered on simulated time by
 * {@link PredictionAcceptanceTest}; here a stalled host may make the server hold or substitute an
 * input, so the assertions are outcomes that hold under any scheduling: no unexplained
 * misprediction, and the client ends on exactly the server's state.
 */
class PredictionEndToEndTest {
    private static final int TICKS = 300;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aClientPredictsAgainstARealServerAndConverges() throws Exception {
        long seed = System.nanoTime();
        System.out.println("PredictionEndToEndTest seed=" + seed);
        PredictionTestModel model = new PredictionTestModel();
        PredictionConfig config = PredictionConfig.defaults();
        MessageRegistry registry = PredictionTestModel.registry();
        NetConfig net = NetConfig.builder("prediction-e2e").build();
        try (InMemoryNetwork network = InMemoryNetwork.builder().build()) {
            Transport serverTransport = network.transport();
            Transport clientTransport = Transports.conditioned(network.transport(),
                    LinkProfile.fromRoundTrip("rtt100", 100, 11, 5), seed);
            ServerInputs<Move> inputs = new ServerInputs<>(config, Move.class, new Move(0));
            NetServer server = new NetServer(net, registry, serverTransport, new NetListener() {
                @Override
                public void received(Connection c, Object m, Channel ch) {
                    inputs.handle(c, m);
                }
            });
            server.bind("arena");
            PredictedClient<Body, Move> me = new PredictedClient<>(model, config, new Body(0), 0);
            NetClient client = new NetClient(net, registry, clientTransport, new NetListener() {
                @Override
                public void received(Connection c, Object m, Channel ch) {
                    me.handle(m);
                }
            });
            client.connect("arena");
            long deadline = System.nanoTime() + 50_000_000_000L;
            while (!client.isConnected() || server.connections().isEmpty()) {
                server.update();
                client.update();
                assertThat(System.nanoTime()).as("connected").isLessThan(deadline);
                Thread.sleep(1);
            }
            Connection serverSide = server.connections().get(0);
            InputBuffer<Move> buffer = inputs.buffer(serverSide);
            Body serverBody = new Body(0);
            long start = System.nanoTime();
            double clientNextMs = 0;
            double serverNextMs = config.tickMs() / 2;
            while (me.lastAckedTick() < TICKS - 1 && System.nanoTime() < deadline) {
                double nowMs = (System.nanoTime() - start) / 1e6;
                client.update();
                while (nowMs >= clientNextMs && me.nextTick() < TICKS) {
                    clientNextMs += me.tickDurationMs();
                    me.tick(PredictionTestModel.erratic(seed, me.nextTick()), client);
                }
                server.update();
                while (nowMs >= serverNextMs) {
                    serverNextMs += config.tickMs();
                    if (buffer.lastAppliedTick() < TICKS - 1) { // stop where the client stopped
                        Move m = buffer.next();
                        if (m != null) {
                            model.step(serverBody, m);
                        }
                    }
                    inputs.sendState(serverSide, serverBody);
                }
                Thread.sleep(1);
            }
            System.out.printf("applied=%d afterHold=%d held=%d substituted=%d mispredictions=%d substitutedMismatches=%d corrections=%d%n",
                    buffer.inputsApplied(), buffer.inputsAfterHold(), buffer.ticksHeld(), buffer.inputsMissing(),
                    me.metrics().mispredictions(), me.metrics().substitutedInputMismatches(), me.metrics().corrections());
            client.close();
            server.close();
            clientTransport.close();
            serverTransport.close();
            assertThat(me.lastAckedTick()).as("every input acknowledged").isEqualTo(TICKS - 1);
            assertThat(buffer.inputsApplied() + buffer.inputsAfterHold() + buffer.inputsMissing()).isEqualTo(TICKS);
            assertThat(me.metrics().mispredictions()).as("no unexplained misprediction").isZero();
            assertThat(me.metrics().corrections()).isLessThanOrEqualTo(me.metrics().substitutedInputMismatches());
            assertThat(model.sameState(me.state(), serverBody)).as("client ends on the server's state").isTrue();
            assertThat(inputs.rejectedPackets()).isZero();
        }
    }
}
