package dev.netcode.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.esotericsoftware.kryo.io.Output;
import dev.netcode.core.MessageRegistry;
import dev.netcode.core.testing.TestMessages;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Deeply nested containers from a peer fail as malformed instead of overflowing the stack. */
class HostileNestingTest {
    private final MessageRegistry registry = TestMessages.registry();
    private final KryoCodec codec = registry.codecForCurrentThread();

    @Test
    void deepNestingIsMalformedNotAStackOverflow() {
        int listId = MessageRegistry.FIRST_ID + registry.classes().indexOf(ArrayList.class);
        Output out = new Output(1024, -1);
        // As Kryo writes a list holding a list holding a list ...: the class once, then per level
        // "one element, all of the list class" (size varint with its flag), the class, "not null".
        out.writeVarInt(listId + 2, true);
        for (int i = 0; i < 100_000; i++) {
            out.writeByte(0x82);
            out.writeVarInt(listId + 2, true);
            out.writeByte(0);
        }
        ByteBuffer message = ByteBuffer.wrap(out.toBytes());
        assertThatThrownBy(() -> codec.readRemoteMessage(message)).isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("depth");
    }

    @Test
    void nestingWithinTheLimitStillDecodes() throws Exception {
        Object nested = "leaf";
        for (int i = 0; i < MessageRegistry.DEFAULT_MAX_DEPTH - 2; i++) {
            nested = new ArrayList<>(List.of(nested));
        }
        codec.beginWrite();
        codec.writeMessage(nested);
        ByteBuffer bytes = codec.written();
        byte[] copy = new byte[bytes.remaining()];
        bytes.get(copy);
        assertThat(codec.readRemoteMessage(ByteBuffer.wrap(copy))).isEqualTo(nested);
    }
}
