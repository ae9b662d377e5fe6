package dev.netcode.sample.net;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.netcode.core.internal.MalformedMessageException;
import dev.netcode.core.prediction.InputBuffer;
import dev.netcode.core.prediction.InputPacket;
import dev.netcode.core.prediction.InputPacketException;
import dev.netcode.sample.sim.PlayerInput;

/**
 * The host's input path for one client: Kryo decoding of an InputPacket (the Object[] of
 * PlayerInputs, whatever classes a hostile client puts in it, however deeply nested), then the
 * input buffer the host feeds it to. Only the two typed exceptions may escape, and the buffer
 * hands out valid inputs only.
 */
class PlayerInputFuzzTest {
    @FuzzTest(maxDuration = "15s")
    void inputPacketsDecodeAndBufferOrFailTyped(byte[] body) {
        InputBuffer<PlayerInput> buffer = new InputBuffer<>(ArenaProtocol.PREDICTION, PlayerInput.class,
                PlayerInput.idle(0, (short) 0));
        try {
            Object m = ArenaWireFixture.decodeAs(InputPacket.class, body);
            InputPacket p = (InputPacket) m;
            buffer.offer(p);
            for (int i = 0; i < 8; i++) {
                PlayerInput in = buffer.next();
                ArenaFuzzChecks.check(in == null || in.tick() >= 0 && in.tick() <= InputBuffer.MAX_TICK,
                        "input tick " + (in == null ? 0 : in.tick()));
            }
        } catch (MalformedMessageException | InputPacketException expected) {
            // typed rejection of hostile input
        }
    }
}
