package dev.netcode.core.prediction;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.netcode.core.prediction.PredictionTestModel.Move;

/** Arbitrary packet field values (as a hostile client can make Kryo produce) only ever give InputPacketException. */
class InputBufferFuzzTest {
    @FuzzTest(maxDuration = "15s")
    void offer(FuzzedDataProvider data) {
        InputBuffer<Move> buffer = new InputBuffer<>(PredictionConfig.defaults(), Move.class, new Move(0));
        while (data.remainingBytes() > 0) {
            int n = data.consumeInt(-1, 40);
            Object[] inputs = n < 0 ? null : new Object[n];
            for (int i = 0; i < Math.max(0, n); i++) {
                int kind = data.consumeInt(0, 2);
                inputs[i] = kind == 0 ? new Move(data.consumeByte()) : kind == 1 ? null : "other";
            }
            InputPacket p = new InputPacket(data.consumeInt(), data.consumeInt(), data.consumeInt(), inputs);
            try {
                buffer.offer(p);
            } catch (InputPacketException expected) {
                // typed rejection is the contract
            }
            if (data.consumeBoolean()) {
                buffer.next();
            }
        }
    }
}
