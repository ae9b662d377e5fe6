package dev.netcode.core.prediction;

import dev.netcode.core.MessageRegistry;

/**
 * Registers the prediction messages. Call on both sides, in the same place of the registration
 * order, and register your input class too:
 *
 * <pre>{@code
 * MessageRegistry.Builder b = MessageRegistry.builder();
 * PredictionMessages.register(b);
 * b.register(MyInput.class);
 * }</pre>
 */
public final class PredictionMessages {
    private PredictionMessages() {}

    public static MessageRegistry.Builder register(MessageRegistry.Builder builder) {
        return builder.register(InputPacket.class, new InputPacket.Codec()).register(InputFeedback.class).register(Object[].class);
    }
}
