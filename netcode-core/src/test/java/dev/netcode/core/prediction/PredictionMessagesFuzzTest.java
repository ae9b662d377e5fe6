package dev.netcode.core.prediction;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.netcode.core.internal.KryoCodec;
import dev.netcode.core.internal.MalformedMessageException;
import dev.netcode.core.prediction.PredictionTestModel.Body;
import dev.netcode.core.prediction.PredictionTestModel.Move;
import java.nio.ByteBuffer;

/**
 * The whole receive path of the prediction messages on hostile bytes: Kryo decoding with the
 * prediction registry ({@link InputPacket.Codec}, the default serializer of {@link InputFeedback}),
 * then the server's {@link InputBuffer} for packets and the client's {@link PredictedClient} for
 * feedback. Only the two typed exceptions may escape (a type-confused field once crashed the JVM).
 */
class PredictionMessagesFuzzTest {
    private static final KryoCodec CODEC = PredictionTestModel.registry().codecForCurrentThread();

    @FuzzTest(maxDuration = "15s")
    void predictionMessagesOnlyFailWithTypedErrors(byte[] input) {
        InputBuffer<Move> buffer = new InputBuffer<>(PredictionConfig.defaults(), Move.class, new Move(0));
        PredictedClient<Body, Move> client = new PredictedClient<>(new PredictionTestModel(), PredictionConfig.defaults(),
                new Body(0), 0);
        try {
            Object message = CODEC.readRemoteMessage(ByteBuffer.wrap(input));
            if (message instanceof InputPacket packet) {
                buffer.offer(packet);
                for (int i = 0; i < 4; i++) {
                    buffer.next();
                }
            } else {
                client.tick(new Move(1));
                client.handle(message);
            }
        } catch (MalformedMessageException | InputPacketException expected) {
            // typed rejection of hostile input
        }
    }
}
