package dev.netcode.core.replication;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.netcode.core.Channel;
import dev.netcode.core.MessageRegistry;
import dev.netcode.core.NetListener;
import dev.netcode.core.interpolation.EntityInterpolator;
import dev.netcode.core.internal.KryoCodec;
import dev.netcode.core.internal.MalformedMessageException;
import java.nio.ByteBuffer;

/**
 * The client's whole replication path for a hostile server: Kryo decoding, then
 * {@link ReplicationClient} with its clock sync (forged echo and hold times), snapshot decoder and
 * interpolation buffer, over several frames. The input is split into messages by a length byte.
 * Only the typed decoding failure may escape (a forged RTT once divided by zero in ClockSync).
 */
class ReplicationClientFuzzTest {
    private static final KryoCodec CODEC =
            ReplicationMessages.register(MessageRegistry.builder()).build().codecForCurrentThread();

    @FuzzTest(maxDuration = "15s")
    void hostileServerMessagesOnlyFailTyped(byte[] input) {
        long[] clockNs = {1_000_000L};
        ReplicationClient client = new ReplicationClient(ReplicationLoop.SCHEMAS, ReplicationConfig.DEFAULT, () -> clockNs[0]);
        NetListener listener = client.listener(new NetListener() {});
        EntityInterpolator interpolator = new EntityInterpolator(ReplicationLoop.BOX);
        float[] out = new float[interpolator.outputSize()];
        int at = 0;
        while (at < input.length) {
            int length = Math.min(input[at] & 0xFF, input.length - at - 1);
            byte[] message = java.util.Arrays.copyOfRange(input, at + 1, at + 1 + length);
            at += 1 + length;
            try {
                listener.received(null, CODEC.readRemoteMessage(ByteBuffer.wrap(message)), Channel.UNRELIABLE);
            } catch (MalformedMessageException expected) {
                // typed rejection of hostile input
            }
            clockNs[0] += 16_000_000L;
            client.update();
            for (int id = 0; id < 4; id++) {
                client.interpolate(interpolator, id, out);
            }
        }
    }
}
