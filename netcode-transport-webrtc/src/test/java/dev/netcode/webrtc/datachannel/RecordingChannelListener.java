package dev.netcode.webrtc.datachannel;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Records every event of the channels it listens to. */
final class RecordingChannelListener implements DataChannelListener {
    /** A received message: {@code binary} tells the type, {@code bytes} the content. */
    record Message(boolean binary, byte[] bytes) {
    }

    final List<Message> messages = new ArrayList<>();
    final List<DataChannelException> errors = new ArrayList<>();
    int opens;
    int closes;
    int lows;

    @Override
    public void onOpen(DataChannel channel) {
        opens++;
    }

    @Override
    public void onStringMessage(DataChannel channel, String message) {
        messages.add(new Message(false, message.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Override
    public void onBinaryMessage(DataChannel channel, ByteBuffer message) {
        byte[] b = new byte[message.remaining()];
        message.get(b);
        messages.add(new Message(true, b));
    }

    @Override
    public void onBufferedAmountLow(DataChannel channel) {
        lows++;
    }

    @Override
    public void onError(DataChannel channel, DataChannelException error) {
        errors.add(error);
    }

    @Override
    public void onClose(DataChannel channel) {
        closes++;
    }
}
