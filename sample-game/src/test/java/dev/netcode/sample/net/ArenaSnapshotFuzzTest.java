package dev.netcode.sample.net;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.netcode.core.interpolation.EntityInterpolator;
import dev.netcode.core.internal.MalformedMessageException;
import dev.netcode.core.prediction.InputBuffer;
import dev.netcode.core.prediction.PredictedClient;
import dev.netcode.core.replication.ReplicationClient;
import dev.netcode.core.replication.internal.SnapshotPacket;
import dev.netcode.core.snapshot.Snapshot;
import dev.netcode.core.snapshot.SnapshotConfig;
import dev.netcode.core.snapshot.SnapshotSender;
import dev.netcode.sample.sim.ArenaRules;
import dev.netcode.sample.sim.PlayerMotion;
import java.util.Arrays;

/**
 * The client's snapshot path with the arena's schema, as {@link ArenaClient} runs it: Kryo decoding
 * of a SnapshotPacket (hostile timing fields included), core's replication client (clock sync,
 * snapshot decoder, interpolation buffer) primed with a real baseline so delta paths are reachable,
 * interpolation of every player id, and reconciliation of the local player's prediction with the
 * decoded ack. Only the typed decoding failure may escape; snapshot format errors are counted by
 * the replication client, and every decoded value must lie inside the schema's bounds.
 */
class ArenaSnapshotFuzzTest {
    private static final byte[] BASELINE = baseline();

    static byte[] baseline() {
        Snapshot.Builder b = Snapshot.builder(ArenaProtocol.SCHEMAS, 60);
        for (int id = 0; id < 4; id++) {
            int[] s = ArenaProtocol.PLAYER.newState();
            ArenaProtocol.X.set(s, 5 + 7 * id);
            ArenaProtocol.Y.set(s, 9 + 3 * id);
            ArenaProtocol.HP.set(s, 100 - 10 * id);
            ArenaProtocol.ALIVE.set(s, id != 2);
            ArenaProtocol.ACK.set(s, 40 + id);
            b.add(id, ArenaProtocol.PLAYER, s);
        }
        byte[] payload = new byte[1200];
        int len = new SnapshotSender(ArenaProtocol.SCHEMAS, SnapshotConfig.DEFAULT).write(b.build(), payload, 0);
        SnapshotPacket p = new SnapshotPacket();
        p.tickTimeNs = 1_000_000_000L;
        p.payload = payload;
        p.payloadLength = len;
        return ArenaWireFixture.encode(p);
    }

    @FuzzTest(maxDuration = "15s")
    void snapshotsDecodeWithinSchemaBoundsOrFailTyped(byte[] body) {
        long[] clockNs = {0};
        ReplicationClient replication = new ReplicationClient(ArenaProtocol.SCHEMAS, ArenaProtocol.REPLICATION,
                () -> clockNs[0]);
        var listener = replication.listener(new dev.netcode.core.NetListener() {});
        EntityInterpolator interpolator = new EntityInterpolator(ArenaProtocol.PLAYER);
        float[] out = new float[interpolator.outputSize()];
        PredictedClient<ArenaClient.Body, dev.netcode.sample.sim.PlayerInput> predicted =
                new PredictedClient<>(ArenaClient.MODEL, ArenaProtocol.PREDICTION, new ArenaClient.Body(1, 1, true), 0);
        try {
            clockNs[0] += 10_000_000L;
            listener.received(null, ArenaWireFixture.decode(BASELINE), dev.netcode.core.Channel.UNRELIABLE);
            replication.update();
            clockNs[0] += 50_000_000L;
            listener.received(null, ArenaWireFixture.decodeAs(SnapshotPacket.class, body),
                    dev.netcode.core.Channel.UNRELIABLE);
            for (int frame = 0; frame < 4; frame++) {
                clockNs[0] += 16_000_000L;
                replication.update();
                for (int id = 0; id < ArenaRules.MAX_PLAYERS; id++) {
                    if (replication.interpolate(interpolator, id, out)) {
                        for (float v : out) {
                            ArenaFuzzChecks.check(Float.isFinite(v), "interpolated " + Arrays.toString(out));
                        }
                    }
                }
            }
            Snapshot latest = replication.latest();
            for (int i = 0; latest != null && i < latest.size(); i++) {
                int[] s = latest.copyState(i);
                float x = ArenaProtocol.X.get(s);
                float y = ArenaProtocol.Y.get(s);
                int ack = ArenaProtocol.ACK.get(s);
                ArenaFuzzChecks.check(x >= 0 && x <= PlayerMotion.ARENA_WIDTH && y >= 0 && y <= PlayerMotion.ARENA_HEIGHT,
                        "position " + x + "," + y);
                ArenaFuzzChecks.check(ack >= -1 && ack <= InputBuffer.MAX_TICK, "ack " + ack);
                int hp = ArenaProtocol.HP.get(s);
                ArenaFuzzChecks.check(hp >= 0 && hp <= ArenaRules.MAX_HP, "hp " + hp);
                predicted.onAuthoritativeState(ack, new ArenaClient.Body(x, y, ArenaProtocol.ALIVE.get(s)));
            }
        } catch (MalformedMessageException expected) {
            // typed rejection of hostile input
        }
    }
}
