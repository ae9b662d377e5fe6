package dev.netcode.sample.net;

import com.esotericsoftware.kryo.io.Output;
import dev.netcode.core.MessageRegistry;
import dev.netcode.core.internal.KryoCodec;
import dev.netcode.core.internal.MalformedMessageException;
import java.nio.ByteBuffer;

/**
 * Decodes bytes exactly as a peer's {@code NetServer}/{@code NetClient} does with the arena's
 * registry; for the fuzz tests, a body can be prefixed with the Kryo class id of one message type
 * so the fuzzer spends its time inside that type's parser.
 */
final class ArenaWireFixture {
    static final MessageRegistry REGISTRY = ArenaProtocol.registry();

    private ArenaWireFixture() {}

    static KryoCodec codec() {
        return REGISTRY.codecForCurrentThread();
    }

    /** Kryo writes a registered class as varint(id + 2). */
    static byte[] withClassId(Class<?> type, byte[] body) {
        int index = REGISTRY.classes().indexOf(type);
        if (index < 0) {
            throw new IllegalArgumentException(type + " is not registered");
        }
        Output out = new Output(body.length + 5);
        out.writeVarInt(MessageRegistry.FIRST_ID + index + 2, true);
        out.writeBytes(body);
        return out.toBytes();
    }

    /** Decodes a body of message class {@code type}. */
    static Object decodeAs(Class<?> type, byte[] body) throws MalformedMessageException {
        return decode(withClassId(type, body));
    }

    static Object decode(byte[] message) throws MalformedMessageException {
        return codec().readRemoteMessage(ByteBuffer.wrap(message));
    }

    /** The bytes a peer sends for {@code message}. */
    static byte[] encode(Object message) {
        KryoCodec c = codec();
        c.beginWrite();
        c.writeMessage(message);
        ByteBuffer b = c.written();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
